from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from conftest import ARTICLE
from dateline.export import export
from dateline.records import ArticleRecord, CleanArticle, Event, Extraction, Span
from dateline.store import Store


def _record(text: str, rid: str, n_events: int = 1) -> ArticleRecord:
    art = CleanArticle(id=rid, text=text, origin=f"{rid}.txt", published=date(2021, 3, 1))
    events = tuple(
        Event(id=f"e{i}", event_type="ASSAULT", mode=None, context=(), cameo="19",
              acled_event_type="Violence against civilians", acled_sub_event_type="Attack",
              actor=(), recipient=(), date="2021-03-01", date_precision="day", date_text="Monday",
              location=None, dead=3, injured=None, arrested=None, factuality="asserted",
              attributed_to=None, historical=False, evidence=(Span(0, min(len(text), 40)),), confidence=0.8)
        for i in range(n_events))
    return ArticleRecord(id=rid, status="ok", error=None, article=art, extraction=Extraction(events=events))


def test_same_article_twice_is_stored_once(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        r1 = store.write([_record(ARTICLE, "a"), _record(ARTICLE, "a-again"), _record(ARTICLE + " More.", "b")])
        assert (r1.inserted, r1.skipped) == (2, 1)
        r2 = store.write([_record(ARTICLE, "a")])
        assert (r2.inserted, r2.skipped) == (0, 1)
        assert store.count() == 2
        n = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
        assert n == 2


def test_resumable_after_a_crash(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    records = [_record(f"{ARTICLE} Story number {i}.", f"r{i}") for i in range(10)]

    def crashing():
        for i, rec in enumerate(records):
            if i == 6:
                raise KeyboardInterrupt  # the run is killed halfway
            yield rec

    with Store(db) as store, pytest.raises(KeyboardInterrupt):
        store.write(crashing(), batch_size=4)
    with Store(db) as store:
        assert store.count() == 4  # the committed batch is there whole; the interrupted one is not
        result = store.write(records, batch_size=4)  # started again on the same input
        assert (result.inserted, result.skipped) == (6, 4)
        assert store.count() == 10
        ids = [r.id for r in store.records()]
        assert sorted(ids) == sorted(f"r{i}" for i in range(10))
        n_events = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
        assert n_events == 10


def test_exports(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.write([_record(ARTICLE, "a", 2), _record(ARTICLE + " Again.", "b", 1)])
    with Store(db, read_only=True) as store:
        assert export(store, "jsonl", str(tmp_path / "o.jsonl")) == 2
        assert export(store, "csv", str(tmp_path / "o.csv")) == 3
        assert export(store, "parquet", str(tmp_path / "o.parquet")) == 3
    lines = (tmp_path / "o.jsonl").read_text().splitlines()
    assert {json.loads(x)["id"] for x in lines} == {"a", "b"}
    rows = list(csv.DictReader(open(tmp_path / "o.csv")))
    assert rows[0]["event_type"] == "Violence against civilians"
    assert rows[0]["fatalities"] == "3" and rows[0]["plover_event_type"] == "ASSAULT"
    # dateline/2: notes is a generated one-line summary; the evidence spans are their own column
    assert "\n" not in rows[0]["notes"] and "3 killed" in rows[0]["notes"]
    assert rows[0]["evidence"] == "0-40" and rows[0]["n_mentions"] == "1"
    assert {"assoc_actor_1", "assoc_actor_2", "admin1", "admin2", "time_precision"} <= set(rows[0])
    table = pq.read_table(tmp_path / "o.parquet")
    assert table.num_rows == 3 and "sub_event_type" in table.column_names


@pytest.mark.parametrize(("value", "expected"), [
    ("2019-12-27", "2019-12-27"), ("2019-12", "2019-12-01"), ("2019", "2019-01-01"),
    ("2019-W52", None), ("XXXX-12-27", None), (None, None), ("2019-02-30", None),
])
def test_dates_of_any_precision_fit_the_date_column(value: str | None, expected: str | None) -> None:
    from dateline.store import _sql_date

    assert _sql_date(value) == expected


def test_records_since_a_watermark_returns_what_was_stored_later(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.write([_record(ARTICLE, "a"), _record(ARTICLE + " More.", "b")])
        first = list(store.records_since())
        assert sorted(r.id for _, _, r in first) == ["a", "b"]
        watermark = max(at for _, at, _ in first)
        seen = {key for key, _, _ in first}
        store.write([_record(ARTICLE + " Later still.", "c")])
        later = [(k, r) for k, _, r in store.records_since(watermark) if k not in seen]
        assert [r.id for _, r in later] == ["c"]  # at-or-after, minus the keys already seen
        assert {k for k, _, _ in store.records_since()} == seen | {later[0][0]}


def test_records_read_back_typed_and_equal_to_what_was_written(tmp_path: Path) -> None:
    from dateline.errors import Reason
    from dateline.pipeline import rejected_record

    written = [_record(ARTICLE, "a"), rejected_record("bad.txt", Reason.EMPTY, "bad.txt is empty", "decode")]
    with Store(tmp_path / "s.duckdb") as store:
        store.write(written)
        back = list(store.records())
        assert [r.to_dict() for r in back] == [r.to_dict() for r in written]
        assert back[0].article is not None and back[0].article.published == date(2021, 3, 1)
        assert back[0].origin == written[0].origin == back[0].article.origin  # from the origin column
        assert back[1] == written[1]
        store.con.execute("UPDATE articles SET record = '{\"schema\": \"dateline/1\"}' WHERE id = 'a'")
        with pytest.raises(ValueError, match="does not read back: id: missing"):
            list(store.records())
