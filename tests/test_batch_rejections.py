"""Each bad input gets a clear message and a typed rejection; the rest of the batch goes through."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from conftest import ARTICLE
from dateline.ingest.sources import read_inputs
from dateline.store import Store

pytestmark = pytest.mark.model

GOOD_2 = ("MOGADISHU — A car bomb exploded outside a hotel in Mogadishu on Saturday, killing at least "
          "eight people, police said. The al-Shabaab group said it carried out the attack.")
FRENCH = ("Des milliers de manifestants se sont rassemblés samedi à Paris pour protester contre la réforme "
          "des retraites, selon la préfecture de police, qui a fait état de plusieurs interpellations.")
NO_BODY_HTML = "<html><head><title>Home</title></head><body><nav><a href='/'>Home</a></nav></body></html>"

CASES = {
    "empty.txt": (b"", "empty"),
    "binary.txt": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "binary"),
    "french.txt": (FRENCH.encode("utf-8"), "not_english"),
    "nobody.html": (NO_BODY_HTML.encode("utf-8"), "no_article_body"),
}


@pytest.fixture()
def batch_dir(tmp_path: Path) -> Path:
    d = tmp_path / "batch"
    d.mkdir()
    (d / "a_good.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "b_cp1252.txt").write_bytes(GOOD_2.replace("MOGADISHU —", "MOGADISHU –").encode("cp1252"))
    (d / "c_mojibake.txt").write_text(
        "NAIROBI — Police said the group’s leaders were arrested on Friday after a protest in Nairobi "
        "turned violent.".encode().decode("cp1252"), encoding="utf-8")
    for name, (data, _) in CASES.items():
        (d / name).write_bytes(data)
    big = d / "huge.txt"
    with open(big, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    return d


def test_batch_goes_through_with_typed_rejections(pipeline, batch_dir: Path) -> None:
    records = {Path(r.origin).name: r for r in pipeline.pipe(read_inputs([str(batch_dir)]))}
    for name, (_, reason) in CASES.items():
        rec = records[name]
        assert rec.status == "rejected", name
        assert rec.reason == reason, (name, rec.reason)
        assert name in rec.error  # the message names the input
        d = rec.to_dict()
        assert d["entities"] == [] and d["events"] == [] and d["error"]
    assert records["huge.txt"].reason == "too_large"
    for name in ("a_good.txt", "b_cp1252.txt", "c_mojibake.txt"):
        assert records[name].status == "ok", (name, records[name].error)
    assert "Mogadishu" in records["b_cp1252.txt"].article.text
    assert "group’s leaders" in records["c_mojibake.txt"].article.text
    # no date given anywhere: relative times stay unresolved and the record says so
    assert any("no publication date" in w for w in records["a_good.txt"].article.warnings)


def test_batch_into_store_keeps_good_and_rejections(pipeline, batch_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.write(pipeline.pipe(read_inputs([str(batch_dir)]), known=store.has))
        assert store.count("ok") == 3
        assert store.count("rejected") == 5
        assert store.rejection_summary() == {"binary": 1, "empty": 1, "no_article_body": 1,
                                             "not_english": 1, "too_large": 1}


def test_jsonl_batch_bad_lines_do_not_stop_it(pipeline, tmp_path: Path) -> None:
    batch = tmp_path / "b.jsonl"
    batch.write_text("\n".join([
        json.dumps({"id": "one", "text": ARTICLE, "published": "2021-03-01"}),
        "{broken",
        json.dumps({"id": "two", "text": GOOD_2, "published": "not a date"}),
        json.dumps({"id": "three", "text": FRENCH}),
    ]) + "\n", encoding="utf-8")
    recs = list(pipeline.pipe(read_inputs([str(batch)])))
    assert [r.status for r in recs] == ["ok", "rejected", "ok", "rejected"]
    assert recs[0].article.published == date(2021, 3, 1)
    assert recs[1].reason == "bad_record"
    assert any("unreadable publication date" in w for w in recs[2].article.warnings)
    assert recs[2].article.published is None
    assert recs[3].reason == "not_english"
