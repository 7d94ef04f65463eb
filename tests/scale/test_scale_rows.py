"""The worker-built rows and the bulk load give the very tables ``Store.write`` gives.

If the store's row layout changes (a column, a conversion), this fails: the
scale path in ``dateline.scale.rows`` must follow.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from dateline.errors import Reason
from dateline.pipeline import rejected_record
from dateline.records import (
    ActorRef,
    ArticleRecord,
    CleanArticle,
    Event,
    EventLocation,
    Extraction,
    Place,
    Quote,
    Span,
)
from dateline.scale.load import ensure_ledger, load_partition, loaded_partitions
from dateline.scale.output import OutputDir, PartitionResult
from dateline.store import Store

TEXT = ("BASRA — Protesters set fire to tyres outside the provincial council on Tuesday, and police "
        "arrested 12 people, the governor's office said. \"We will not leave,\" one protester said.")


def _event(i: int, day: str | None, precision: str | None) -> Event:
    return Event(
        id=f"e{i}", event_type="PROTEST" if i == 0 else "COERCE", mode="demonstrate" if i == 0 else None,
        context=("political",), cameo="14" if i == 0 else "173", acled_event_type="Protests" if i == 0 else None,
        acled_sub_event_type=None,
        actor=(ActorRef(text="Protesters", name="Protesters", country="IRQ", sector="civilian"),),
        recipient=(ActorRef(text="police", name=None, country=None, sector="police"),) if i else (),
        date=day, date_precision=precision, date_text="Tuesday",
        location=EventLocation(name="Basra", country="IQ", lat=30.5, lon=47.8, geonames_id=99532,
                               precision="city", text="Basra", start=0, end=5),
        dead=None, injured=None, arrested=12 if i else None, factuality="reported",
        attributed_to="the governor's office", historical=False,
        evidence=(Span(8, 40), Span(95, 120)), confidence=0.8)


def _records() -> list[ArticleRecord]:
    art = CleanArticle(id="basra-1", text=TEXT, origin="basra-1.txt", published=date(2021, 6, 1), dateline="BASRA")
    quote = Quote(text="We will not leave,", start=148, end=166, kind="direct", cue="said", speaker="protester",
                  speaker_text="one protester", speaker_start=168, speaker_end=181)
    place = Place(text="BASRA", start=0, end=5, name="Basra", feature="city", geonames_id=99532, country="IQ",
                  admin1="Basra", lat=30.5, lon=47.8)
    full = ArticleRecord(id="basra-1", status="ok", error=None, article=art, origin="basra-1.txt",
                         extraction=Extraction(events=(_event(0, "2021-06-01", "day"), _event(1, "2021", "year")),
                                               quotes=(quote,), places=(place, place)))
    undated = ArticleRecord(id="u", status="ok", error=None, origin="u.txt",
                            article=CleanArticle(id="u", text=TEXT + " Later.", origin="u.txt"),
                            extraction=Extraction(events=(_event(0, None, None),)))
    return [full, undated, full,  # the same article twice in one partition: stored once
            rejected_record("feed.jsonl:9", Reason.NOT_ENGLISH, "feed.jsonl:9: the article is not in English",
                            "language")]


def _tables(db: Path) -> dict[str, list[tuple[object, ...]]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT * EXCLUDE (ingested_at) FROM {t} ORDER BY ALL" if t == "articles"
                               else f"SELECT * FROM {t} ORDER BY ALL").fetchall()
                for t in ("articles", "events", "quotes", "places")}
    finally:
        con.close()


def test_bulk_load_equals_store_write(tmp_path: Path) -> None:
    records = _records()
    with Store(tmp_path / "a.duckdb") as store:
        store.write(records)
    out = OutputDir(str(tmp_path / "parts"))
    files = out.write_partition("p1", records)
    result = PartitionResult("p1", 4, 4, 0, {"not_english": 1}, files, 0.0)
    out.mark_done(result)
    with Store(tmp_path / "b.duckdb") as store:
        ensure_ledger(store)
        first = load_partition(store, out, result)
        again = load_partition(store, out, result)
        assert loaded_partitions(store, ["p1", "p2"]) == {"p1"}
    assert (first.inserted, first.skipped, first.rejected) == (3, 0, 1)
    assert (again.inserted, again.skipped) == (0, 3)
    a, b = _tables(tmp_path / "a.duckdb"), _tables(tmp_path / "b.duckdb")
    assert {t: len(rows) for t, rows in a.items()} == {"articles": 3, "events": 3, "quotes": 1, "places": 2}
    for table in a:
        assert a[table] == b[table], table


def test_a_refused_partition_leaves_nothing_behind(tmp_path: Path) -> None:
    out = OutputDir(str(tmp_path / "parts"))
    files = out.write_partition("p1", _records())
    result = PartitionResult("p1", 4, 4, 0, {}, files, 0.0)
    with Store(tmp_path / "s.duckdb") as store:
        ensure_ledger(store)
        store.con.execute("DROP TABLE quotes")  # make the load fail halfway through
        with pytest.raises(duckdb.Error):
            load_partition(store, out, result)
        assert store.count() == 0
        assert loaded_partitions(store, ["p1"]) == set()
