"""The learned ACLED event-type model: artefact, training, split and its use in the pipeline."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

from dateline.eval.acled_split import in_split, is_heldout
from dateline.extract.events.model import CLASSES, EventTypeModel, features, normalize

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "src" / "dateline" / "data" / "models" / "events"
UCDP = ROOT.parent / "shared" / "train" / "ucdp-ged-syria"

# Written for these tests (not from any data set).
TINY = [
    ("Gunmen shot dead three farmers in their fields.", "ATTACK"),
    ("Gunmen killed a teacher outside the school.", "ATTACK"),
    ("Armed men shot and killed two traders at the market.", "ATTACK"),
    ("Thousands marched peacefully to demand higher wages.", "PEACE_PROTEST"),
    ("Hundreds of students marched to the ministry to demand reforms.", "PEACE_PROTEST"),
    ("Nurses marched through the capital to demand unpaid salaries.", "PEACE_PROTEST"),
    ("Shares shot up five percent on Monday.", "NONE"),
    ("The index shot up after the bank cut rates.", "NONE"),
    ("Bond prices shot up as investors sought safety.", "NONE"),
]


def _sha(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_features_fold_case_digits_and_quotes() -> None:
    assert normalize("Killed 18 \u2019s") == "killed 0 's"
    f = features("Gunmen killed 18")
    assert {"w:gunmen", "w:killed", "w:0", "b:gunmen killed", "c: gu", "c:men "} <= f


def test_shipped_model_artefact() -> None:
    meta = json.loads((SHIPPED / "meta.json").read_text(encoding="utf-8"))
    assert set(meta["classes"]) == set(CLASSES)
    assert "Sundberg & Melander 2013" in meta["licence"]
    assert {s["kind"] for s in meta["sources"]} == {"corpus", "ucdp-ged"}
    assert sum(p.stat().st_size for p in SHIPPED.iterdir()) < 30 * 2**20
    for name in ("weights.npy", "bias.npy"):
        np.load(SHIPPED / name, allow_pickle=False)  # plain arrays, no pickle


def test_model_shape_is_checked(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="do not fit"):
        EventTypeModel(("ATTACK", "NONE"), ["w:a"], np.zeros((2, 2)), np.zeros(2), {})
    with pytest.raises(ValueError, match="unknown classes"):
        EventTypeModel(("BOMBING",), ["w:a"], np.zeros((1, 1)), np.zeros(1), {})
    with pytest.raises(FileNotFoundError, match="meta.json"):
        EventTypeModel.load(tmp_path)


def _tiny_corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    with (folder / "tiny.jsonl").open("w", encoding="utf-8") as out:
        for text, label in TINY:
            out.write(json.dumps({"text": text, "acled": label}) + "\n")
    return folder


def test_training_is_deterministic_and_loads(tmp_path: Path) -> None:
    from dateline.extract.events.training import run

    corpus = _tiny_corpus(tmp_path)
    run([], tmp_path / "a", corpus, ucdp_default=None)
    run([], tmp_path / "b", corpus, ucdp_default=None)
    assert _sha(tmp_path / "a") == _sha(tmp_path / "b")
    model = EventTypeModel.load(tmp_path / "a")
    assert model.classes == ("ATTACK", "PEACE_PROTEST", "NONE")
    assert model.predict("Gunmen shot dead a farmer.").label == "ATTACK"


def test_acled_export_is_read_with_acleds_names(tmp_path: Path) -> None:
    from dateline.extract.events.training import gather

    csv_file = tmp_path / "export.csv"
    csv_file.write_text(
        "event_id_cnty,event_type,sub_event_type,notes\n"
        "XX1,Protests,Peaceful protest,\"On 1 May, workers marched in the capital.\"\n"
        "XX2,Battles,Armed clash,\"On 2 May, the army fought rebels near the river.\"\n"
        "XX3,Violence against civilians,Something new,\"On 3 May, ...\"\n", encoding="utf-8")
    data = gather([csv_file], None, None)
    assert [(e.label, e.source) for e in data.examples] == [("PEACE_PROTEST", "acled"), ("ARMED_CLASH", "acled")]
    assert data.sources[0]["skipped"] == 1
    held = gather([csv_file], None, None, skip_held_out=True)
    assert len(held.examples) == sum(not is_heldout(i) for i in ("XX1", "XX2"))


def test_acled_split_rule() -> None:
    ids = [f"SYR{i}" for i in range(2000)]
    held = [i for i in ids if is_heldout(i)]
    assert 0.15 < len(held) / len(ids) < 0.25
    assert all(hashlib.sha1(i.encode()).digest()[0] % 5 == 0 for i in held)
    assert [i for i in ids if in_split(i, "dev")] == [i for i in ids if i not in held]


@pytest.mark.slow
@pytest.mark.skipif(not UCDP.is_dir(), reason="needs ../shared/train/ucdp-ged-syria")
def test_shipped_model_rebuilds_byte_identically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`dateline train events -o DIR` from the repository root gives the shipped bytes (minutes)."""
    from click.testing import CliRunner

    from dateline.cli import main

    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["train", "events", "-o", str(tmp_path / "m")])
    assert result.exit_code == 0, result.output
    assert _sha(tmp_path / "m") == _sha(SHIPPED)


@pytest.mark.model
def test_pipeline_owns_one_model_and_uses_it() -> None:
    from dateline.pipeline import Pipeline, Settings

    pipe = Pipeline(Settings())
    events_stage = next(c for c in pipe.components if c.name == "events")
    assert events_stage.model is pipe.events_model  # type: ignore[attr-defined]
    rec = pipe.extract_text("Shares of the chipmaker shot up 9 percent on Tuesday after strong earnings.")
    for ev in rec.extraction.events:
        assert ev.acled_event_type is None
        if ev.event_type == "ASSAULT":
            assert ev.confidence <= 0.2
    rec = pipe.extract_text("A suicide bomber blew himself up at a police checkpoint in Kabul on Tuesday, "
                            "killing nine officers.", published="2024-05-01")
    subs = {ev.acled_sub_event_type for ev in rec.extraction.events}
    assert "Suicide bomb" in subs


@pytest.mark.model
def test_cli_trains_and_extract_uses_the_model(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from dateline.cli import main

    corpus = _tiny_corpus(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["train", "events", "--no-corpus", "--data", str(corpus / "tiny.jsonl"),
                                  "-o", str(tmp_path / "m")])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output.strip().splitlines()[-1])["examples"] == len(TINY)
    article = tmp_path / "a.txt"
    article.write_text("Gunmen shot dead three farmers in their fields near the village on Monday.\n",
                       encoding="utf-8")
    result = runner.invoke(main, ["extract", "--model", str(tmp_path / "m"), str(article)])
    assert result.exit_code == 0, result.output
    events = json.loads(result.output.strip().splitlines()[-1])["events"]
    assert any(e["acled_sub_event_type"] == "Attack" for e in events)
    bad = runner.invoke(main, ["train", "events", "--corpus", str(tmp_path / "missing"), "-o", str(tmp_path / "x")])
    assert bad.exit_code == 2
