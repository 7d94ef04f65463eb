"""Helpers for the API tests: hand-made records (no event coder needed) and a light pipeline."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from dateline.ingest.prepare import read_published
from dateline.records import (
    ActorRef,
    ArticleRecord,
    CleanArticle,
    Event,
    EventLocation,
    Extraction,
    Quote,
    Span,
)
from dateline.store import Store

TOKEN = "test-token-0123456789abcdef"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

# Hand-written articles (facts loosely based on real events).
MOSUL = ("MOSUL, Iraq — A roadside bomb struck an army convoy south of Mosul on Tuesday, killing two soldiers, "
         "military officials said. Police arrested four men near the scene later that day.")
PARIS = ("PARIS — Thousands of farmers marched through central Paris on Saturday to protest fuel taxes. "
         "\"We cannot live like this,\" said Marie Dubois, a grain farmer from Beauce.")
LAGOS = ("LAGOS, Nigeria — Gunmen kidnapped eleven passengers from a bus on the Lagos-Ibadan highway on "
         "Friday, the state police commissioner said.")


def _event(eid: str, text: str, sentence: str, etype: str, day: str, place: tuple[str, str, float, float],
           actor: str, recipient: str, acled: str | None, factuality: str = "asserted",
           dead: int | None = None, trigger: str | None = None) -> Event:
    start = text.index(sentence)
    t_start = text.index(trigger, start) if trigger else None
    name, country, lat, lon = place
    return Event(id=eid, event_type=etype, mode=None, context=(), cameo="19" if etype == "ASSAULT" else "14",
                 acled_event_type=acled, acled_sub_event_type=None,
                 actor=(ActorRef(actor, actor, None, None),), recipient=(ActorRef(recipient, recipient, None, None),),
                 date=day, date_precision="day", date_text=None,
                 location=EventLocation(name, country, lat, lon, None, "city", name), dead=dead, injured=None,
                 arrested=None, factuality=factuality, attributed_to=None, historical=False,
                 evidence=(Span(start, start + len(sentence)),), confidence=0.8, trigger=trigger,
                 trigger_start=t_start, trigger_end=t_start + len(trigger) if trigger and t_start is not None else None)


def sample_records() -> list[ArticleRecord]:
    mosul_s1 = MOSUL.split(" Police")[0]
    mosul_s2 = "Police arrested four men near the scene later that day."
    paris_s1 = PARIS.split(" \"")[0]
    lagos_s1 = LAGOS
    recs = [
        ("mosul-1", MOSUL, "2021-03-02", (
            _event("e1", MOSUL, mosul_s1, "ASSAULT", "2021-03-02", ("Mosul", "IQ", 36.34, 43.13), "unknown militants",
                   "Iraqi army", "Explosions/Remote violence", dead=2, trigger="struck"),
            _event("e2", MOSUL, mosul_s2, "COERCE", "2021-03-02", ("Mosul", "IQ", 36.34, 43.13), "Iraqi police",
                   "four men", "Strategic developments", trigger="arrested"))),
        ("paris-1", PARIS, "2021-03-06", (
            _event("e1", PARIS, paris_s1, "PROTEST", "2021-03-06", ("Paris", "FR", 48.85, 2.35), "farmers",
                   "French government", "Protests", trigger="marched"),)),
        ("lagos-1", LAGOS, "2021-03-05", (
            _event("e1", LAGOS, lagos_s1, "ASSAULT", "2021-03-05", ("Lagos", "NG", 6.45, 3.39), "gunmen",
                   "bus passengers", "Violence against civilians", factuality="reported", trigger="kidnapped"),)),
    ]
    out = []
    for rid, text, published, events in recs:
        quotes: tuple[Quote, ...] = ()
        if rid == "paris-1":
            q = "We cannot live like this,"
            qs = text.index(q)
            ss = text.index("Marie Dubois")
            quotes = (Quote(q, qs, qs + len(q), "direct", "said", "Marie Dubois", "Marie Dubois", ss, ss + 12,
                            "grain farmer"),)
        art = CleanArticle(id=rid, text=text, origin=f"{rid}.txt", published=date.fromisoformat(published), title=f"Report {rid}",
                           source="Test Wire")
        out.append(ArticleRecord(id=rid, status="ok", error=None, article=art,
                                 extraction=Extraction(events=events, quotes=quotes)))
    return out


ISTANBUL = ("ISTANBUL — Police detained dozens of protesters in Istanbul on Monday after clashes near Taksim "
            "Square, and a bomb killed three people in the city's Besiktas district, officials said.")
ALEPPO = "ALEPPO, Syria — Shelling killed five civilians in Aleppo on Sunday, a monitoring group said."
HISTORY = ("KABUL — The 1777 treaty was signed in Kabul. On Tuesday, gunmen attacked a checkpoint in "
           "Kandahar province, killing four guards, officials said.")
XSS = ('GAZA — Protesters <script>alert("x")</script> gathered in Gaza City on Friday '
       '<img src=x onerror=alert(1)> demanding aid, witnesses said.')


def _article(rid: str, text: str, published: str, events: tuple) -> ArticleRecord:  # type: ignore[type-arg]
    art = CleanArticle(id=rid, text=text, origin=f"{rid}.txt", published=date.fromisoformat(published), title=f"Report {rid}",
                       source="Test Wire")
    return ArticleRecord(id=rid, status="ok", error=None, article=art, extraction=Extraction(events=events))


def issue_records() -> list[ArticleRecord]:
    recs = sample_records()
    ist = ISTANBUL.split(", and")[0]
    istanbul = tuple(
        replace(_event(f"e{i}", ISTANBUL, ist, "COERCE", f"2021-03-{10 + i:02d}", ("Istanbul", "TR", 41.01, 28.97),
                       "Turkish police", "protesters", "Riots", dead=3 if i == 0 else None),
                acled_sub_event_type="Mob violence")
        for i in range(9))
    aleppo = _event("e1", ALEPPO, ALEPPO, "ASSAULT", "2021-03-07", ("Aleppo", "SY", 36.2, 37.16), "government forces",
                    "civilians", "Explosions/Remote violence", dead=5)
    aleppo = replace(aleppo, acled_sub_event_type="Shelling/artillery/missile attack")
    hist = replace(_event("e1", HISTORY, "The 1777 treaty was signed in Kabul.", "AGREE", "1777-01-01",
                          ("Kabul", "AF", 34.53, 69.17), "Afghan rulers", "Persia", None), historical=True)
    kandahar = _event("e2", HISTORY, HISTORY.split("Kabul. ")[1], "ASSAULT", "2021-03-09",
                      ("Kandahar province", "AF", 0.0, 0.0), "gunmen", "guards", "Battles", dead=4)
    kandahar = replace(kandahar, location=replace(kandahar.location, lat=None, lon=None, country=None))
    gaza = _event("e1", XSS, XSS, "PROTEST", "2021-03-12", ("Gaza City", "PS", 31.5, 34.47), "protesters",
                  "aid agencies", "Protests")
    return [*recs, _article("istanbul-1", ISTANBUL, "2021-03-19", istanbul),
            _article("aleppo-1", ALEPPO, "2021-03-07", (aleppo,)),
            _article("kabul-1", HISTORY, "2021-03-10", (hist, kandahar)),
            _article("gaza-1", XSS, "2021-03-12", (gaza,))]


def bulk_records(n_articles: int = 30) -> list[ArticleRecord]:
    """``n_articles`` articles of five events each at a few places (enough rows for several pages)."""
    places = [("Kharkiv", "UA", 49.99, 36.23), ("Goma", "CD", -1.68, 29.23), ("Mandalay", "MM", 21.97, 96.08),
              ("Bamako", "ML", 12.64, -8.0), ("Khartoum", "SD", 15.5, 32.56)]
    types = [("ASSAULT", "Battles"), ("PROTEST", "Protests"), ("COERCE", "Strategic developments")]
    out = []
    for i in range(n_articles):
        name, cc, lat, lon = places[i % len(places)]
        sentences = [f"Report {i}.{k}: fighters and residents clashed near {name} on day {k}." for k in range(5)]
        text = " ".join(sentences)
        events = tuple(_event(f"e{k}", text, sentences[k], types[(i + k) % 3][0], f"2021-02-{1 + (i % 27):02d}",
                              (name, cc, lat + k * 0.01, lon), "fighters", "residents", types[(i + k) % 3][1],
                              dead=(i + k) % 4 or None)
                       for k in range(5))
        out.append(_article(f"bulk-{i}", text, f"2021-02-{1 + (i % 27):02d}", events))
    return out


def build_store(path: Path, records: Iterable[ArticleRecord] | None = None) -> Path:
    with Store(path) as store:
        store.write(records if records is not None else sample_records())
    return path


class FakePipeline:
    """Stands in for the NLP pipeline where a test is about the API, not extraction.

    Each item becomes an ok record with one ASSAULT event over its first
    sentence (or a rejection when the text is blank), like ``Pipeline.pipe``.
    """

    def pipe(self, items: Iterable[dict[str, Any]], known: Any = None) -> Iterator[ArticleRecord]:
        for item in items:
            text = item.get("text") or item.get("html") or ""
            rid = str(item.get("id") or "x")
            if not text.strip():
                yield ArticleRecord(id=rid, status="rejected", error="empty article", article=None,
                                    extraction=Extraction(), origin=rid, stage="clean", reason="empty")
                continue
            end = text.find(".") + 1 or len(text)
            published, _ = read_published(item.get("published"))
            art = CleanArticle(id=rid, text=text, origin=rid, published=published,
                               title=item.get("title"), url=item.get("url"), source=item.get("source"))
            ev = Event(id="e1", event_type="ASSAULT", mode=None, context=(), cameo="19", acled_event_type=None,
                       acled_sub_event_type=None, actor=(), recipient=(), date=None, date_precision=None,
                       date_text=None, location=None, dead=None, injured=None, arrested=None,
                       factuality="asserted", attributed_to=None, historical=False, evidence=(Span(0, end),),
                       confidence=0.5)
            yield ArticleRecord(id=rid, status="ok", error=None, article=art, extraction=Extraction(events=(ev,)))
