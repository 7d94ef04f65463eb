"""Parquet outputs, markers, loading back into the store, known keys and the progress line."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import duckdb

from dateline.errors import Reason
from dateline.pipeline import rejected_record
from dateline.records import ArticleRecord, CleanArticle, Event, Extraction, Span
from dateline.scale.output import OutputDir, PartitionResult
from dateline.scale.progress import Progress
from dateline.scale.worker import KnownKeys
from dateline.store import Store, record_key

TEXT = ("Militants fired mortars at a police station in the north of the city on Sunday, wounding four "
        "officers, a provincial spokesman said.")


def _ok(text: str, rid: str, published: str | None) -> ArticleRecord:
    art = CleanArticle(id=rid, text=text, origin=f"{rid}.txt",
                       published=date.fromisoformat(published) if published else None)
    ev = Event(id="e0", event_type="ASSAULT", mode=None, context=(), cameo="19", acled_event_type=None,
               acled_sub_event_type=None, actor=(), recipient=(), date=published, date_precision="day",
               date_text="Sunday", location=None, dead=None, injured=4, arrested=None, factuality="asserted",
               attributed_to=None, historical=False, evidence=(Span(0, 40),), confidence=0.7)
    return ArticleRecord(id=rid, status="ok", error=None, article=art, extraction=Extraction(events=(ev,)),
                         origin=f"{rid}.txt")


def _records() -> list[ArticleRecord]:
    return [_ok(TEXT, "a", "2021-05-02"), _ok(TEXT + " More later.", "b", "2021-05-03"),
            _ok(TEXT + " No date.", "c", None),
            rejected_record("bad.jsonl:3", Reason.BAD_RECORD, "line is not valid JSON", "read")]


def _result(pid: str, files: tuple[str, ...]) -> PartitionResult:
    return PartitionResult(pid, 4, 4, 0, {"bad_record": 1}, files, 0.1)


def test_partition_files_by_date_round_trip_into_the_store(tmp_path: Path) -> None:
    out = OutputDir(str(tmp_path / "parts"))
    records = _records()
    files = out.write_partition("p1", records)
    assert files == ("articles/published=2021-05-02/part-p1.parquet", "events/published=2021-05-02/part-p1.parquet",
                     "articles/published=2021-05-03/part-p1.parquet", "events/published=2021-05-03/part-p1.parquet",
                     "articles/published=__HIVE_DEFAULT_PARTITION__/part-p1.parquet",
                     "events/published=__HIVE_DEFAULT_PARTITION__/part-p1.parquet")
    assert out.completed(["p1"]) == {}  # no marker yet: not complete
    out.mark_done(_result("p1", files))
    assert set(out.completed(["p1", "p2"])) == {"p1"}
    loaded = list(out.read_records(out.completed(["p1"])["p1"]))
    assert sorted(record_key(r) for r in loaded) == sorted(record_key(r) for r in records)
    # the stored contract dict comes back exactly (as JSON: tuples become lists)
    assert sorted(json.dumps(r.to_dict(), sort_keys=True) for r in loaded) == \
        sorted(json.dumps(r.to_dict(), sort_keys=True) for r in records)
    with Store(tmp_path / "s.duckdb") as store:
        assert store.write(loaded).inserted == 4
        assert store.write(out.read_records(out.completed(["p1"])["p1"])).inserted == 0
        assert store.rejection_summary() == {"bad_record": 1}
        origins = {r[0] for r in store.con.execute("SELECT origin FROM articles").fetchall()}
        assert "a.txt" in origins and "bad.jsonl:3" in origins


def test_rewriting_a_partition_overwrites_instead_of_duplicating(tmp_path: Path) -> None:
    out = OutputDir(str(tmp_path))
    for _ in range(3):
        files = out.write_partition("p1", _records())
        out.mark_done(_result("p1", files))
    n = duckdb.connect().execute(
        f"SELECT count(*), count(DISTINCT content_hash) FROM read_parquet('{tmp_path}/articles/*/*.parquet',"
        " hive_partitioning = true)").fetchone()
    assert n == (4, 4)
    assert not list(tmp_path.rglob(".tmp-*"))


def test_known_keys() -> None:
    keys = [record_key(r) for r in _records()]
    known = KnownKeys.from_hex(keys[:2])
    assert keys[0] in known and keys[1] in known
    assert keys[2] not in known and "not-a-key" not in known
    assert len(KnownKeys.from_hex([])) == 0 and keys[0] not in KnownKeys.from_hex([])


def test_progress_line_counts_rate_and_eta() -> None:
    stream = io.StringIO()
    bar = Progress(total=100, stream=stream, interval=0.0)
    bar.resumed(20)
    bar.started -= 10.0  # pretend ten seconds went by
    bar.advance(40)
    line = stream.getvalue().strip().splitlines()[-1]
    assert "60/100 articles (60%)" in line
    assert "4.0 articles/s" in line  # 40 processed in this run / 10 s; resumed ones do not count
    assert "ETA 0m10s" in line
    silent = Progress(total=5)
    silent.advance(5)  # no stream: nothing to write, no error


def test_a_killed_writers_leftover_is_never_read_and_the_retry_removes_it(tmp_path: Path) -> None:
    out = OutputDir(str(tmp_path))
    records = _records()
    out.write_partition("p1", records)
    # a worker killed between writing and renaming leaves its temporary file behind
    folder = tmp_path / "articles" / "published=2021-05-02"
    final = folder / "part-p1.parquet"
    leftover = folder / ".tmp-0123abcd-part-p1.parquet.partial"
    leftover.write_bytes(final.read_bytes())
    glob = f"{tmp_path}/articles/*/*.parquet"
    count = duckdb.connect().execute(
        f"SELECT count(*), count(DISTINCT content_hash) FROM read_parquet('{glob}', hive_partitioning = true)"
    ).fetchone()
    assert count == (4, 4)  # DuckDB's glob matches dot-files: the suffix keeps the leftover out
    out.write_partition("p1", records)  # the retried task
    assert not leftover.exists() and final.exists()
    assert not list(tmp_path.rglob("*.partial"))
