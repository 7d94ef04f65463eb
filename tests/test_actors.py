"""Actors: KB lookups, entity labels, credits, name clusters, descriptions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dateline.extract.actors.kb import ActorKB, normalize_name
from dateline.extract.base import DocContext
from dateline.records import CleanArticle
from modelcache import shared_model

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
SEED = SHARED / "seeds" / "000_07c2f900d2d46056.txt"


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    kb = ActorKB.load_default()
    return kb


def make_ctx(text: str) -> DocContext:
    art = CleanArticle(id="x", text=text, origin="test", published=date(2019, 12, 31))
    return DocContext(art, shared_model()(text), date(2019, 12, 31))


def test_aliases_and_transliterations(kb: ActorKB) -> None:
    for alias in ("Kata'ib Hizballah", "Hezbollah Brigades", "KH", "the Kataib Hezbollah militia"):
        info = kb.resolve(alias)
        assert info is not None and info.canonical == "Kataib Hezbollah", alias
    assert kb.resolve("Hashd al-Shaabi") == kb.resolve("Popular Mobilization Forces")
    assert kb.resolve("Daesh") == kb.resolve("ISIL")
    assert kb.resolve("U.S.").country == "USA"  # type: ignore[union-attr]
    assert kb.resolve("Iraqis").country == "IRQ"  # type: ignore[union-attr]
    assert kb.resolve("kh") is None  # acronyms are case-sensitive
    assert kb.resolve("Nonexistent Brigade of Nowhere") is None
    assert normalize_name("The  Taliban’s") == "taliban"


def test_sectors_and_metonyms(kb: ActorKB) -> None:
    assert kb.sector_of("gunmen") == "rebels"
    assert kb.sector_of("protesters") == "protesters"
    assert kb.sector_of("policemen") == "police"
    assert kb.sector_of("journalists") == "media"
    assert kb.metonym("Tehran").country == "IRN"  # type: ignore[union-attr]


def test_user_extension_files(tmp_path: Path) -> None:
    y = tmp_path / "mine.yaml"
    y.write_text("actors:\n  - {canonical: Red Hand Front, kind: rebels, country: XXX,"
                 " aliases: [RHF, Red Hand]}\n", encoding="utf-8")
    c = tmp_path / "mine.csv"
    c.write_text("canonical,kind,country,aliases\nBlue Lake Militia,militia,YYY,Blue Lake|BLM\n",
                 encoding="utf-8")
    kb = ActorKB.load_default(extra=[y, c])
    assert kb.resolve("Red Hand").canonical == "Red Hand Front"  # type: ignore[union-attr]
    assert kb.resolve("BLM").kind == "militia"  # type: ignore[union-attr]
    with pytest.raises(ValueError):
        kb.add_file(tmp_path / "x.txt") if (tmp_path / "x.txt").write_text("") is not None else None


def test_entity_patterns_shape(kb: ActorKB) -> None:
    pats = kb.entity_patterns()
    assert any(p["id"] == "Asaib Ahl al-Haq" for p in pats)
    assert all(p["label"] in ("ORG", "PERSON") for p in pats)


def test_persons_cluster_roles_and_credits(kb: ActorKB) -> None:
    text = ("Interior Minister Karim Nadir said on Monday that the roads were open. "
            "Nadir added that police would stay.\n\n"
            "Ahmad Yusuf Karimi, better known by his nom de guerre Abu Layth, led the fighters. "
            "Police spokeswoman Lina Haddad confirmed the arrests.\n"
            "Soldiers patrol a market in Mosul on Monday. (Sami Qasim/Reuters)\n")
    ctx = make_ctx(text)
    ents = kb.analyze(ctx).entities
    by_text = {e.text: e for e in ents}
    assert by_text["Nadir"].canonical == "Karim Nadir"
    assert by_text["Karim Nadir"].kind == "person"
    roles = kb.analyze(ctx).roles
    assert roles["Karim Nadir"] == "Interior Minister"
    layth = [e for e in ents if "Layth" in e.text or "Karimi" in e.text]
    assert {e.canonical for e in layth} == {"Abu Layth"}
    assert any(e.label == "CREDIT" and e.kind == "credit" for e in ents)
    assert not any(e.label == "PERSON" and "Qasim" in e.text for e in ents)


def test_descriptions_resolve_to_named_group(kb: ActorKB) -> None:
    text = ("Fighters of Asaib Ahl al-Haq attacked a checkpoint near Samarra on Sunday. "
            "The group later said the attack was revenge. Police said the militia had "
            "used rockets.")
    ctx = make_ctx(text)
    doc = ctx.doc
    group = doc.char_span(text.index("The group"), text.index("The group") + 9)
    militia = doc.char_span(text.index("the militia"), text.index("the militia") + 11)
    assert kb.analyze(ctx).resolve_span(group).canonical == "Asaib Ahl al-Haq"  # type: ignore[union-attr]
    assert kb.analyze(ctx).resolve_span(militia).canonical == "Asaib Ahl al-Haq"  # type: ignore[union-attr]
    police = doc.char_span(text.index("Police"), text.index("Police") + 6)
    info = kb.analyze(ctx).resolve_span(police)
    assert info is not None and info.kind == "police"


@pytest.mark.skipif(not SEED.is_file(), reason="../shared seed not available")
def test_seed_entities(kb: ActorKB) -> None:
    text = SEED.read_text(encoding="utf-8")
    ctx = make_ctx(text)
    ents = kb.analyze(ctx).entities
    canon = {e.canonical for e in ents}
    for name in ("Kataib Hezbollah", "Baghdad", "Kirkuk", "Trump", "Mark T. Esper",
                 "Mike Pompeo", "Adel Abdul Mahdi"):
        assert name in canon, name
    assert {e.canonical for e in ents if e.text in ("Jamal Jaafar Ibrahimi",
                                                    "Abu Mahdi al-Mohandes")} == {"Abu Mahdi al-Mohandes"}
    assert all(e.label == "CREDIT" for e in ents if "Reuters" in e.text or "/AP" in e.text)
    doc = ctx.doc
    for phrase in ("an Iranian-backed militia", "the group", "the Iranian-backed group"):
        pos = text.index(phrase)
        span = doc.char_span(pos, pos + len(phrase), alignment_mode="expand")
        info = kb.analyze(ctx).resolve_span(span)
        assert info is not None and info.canonical == "Kataib Hezbollah", phrase
