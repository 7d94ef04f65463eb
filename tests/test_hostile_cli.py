"""The CLI contract under faults: exit codes 0/1/2/3/4, one-line messages, atomic stores and exports."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from conftest import ARTICLE
from dateline.cli import main
from dateline.errors import StoreError
from dateline.store import Store

pytestmark = pytest.mark.model

FORMULA_SOURCE = "=HYPERLINK(\"http://evil.example\",\"x\")"


def _runner() -> CliRunner:
    return CliRunner()


def _one_line_error(res, code: int) -> str:  # type: ignore[no-untyped-def]
    assert res.exit_code == code, (res.exit_code, res.output)
    assert "Traceback" not in res.output
    err = res.stderr.strip().splitlines()
    assert err, res.output
    return err[-1]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("store")
    batch = d / "in.jsonl"
    rows = [
        {"id": "dup", "text": ARTICLE, "source": FORMULA_SOURCE, "title": "-2 dead"},
        {"id": "dup", "text": ARTICLE.replace("Kabul", "Herat").replace("three", "four"), "source": "@agency"},
    ]
    batch.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    db = d / "s.duckdb"
    res = _runner().invoke(main, ["ingest", str(batch), "--db", str(db)])
    assert res.exit_code == 0, res.output
    return db


def test_csv_formulas_are_neutralized_unless_raw(store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "e.csv"
    res = _runner().invoke(main, ["export", "--db", str(store_path), "--format", "csv", "-o", str(out)])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "@")), value
            assert not value.startswith("-") or value.replace(".", "", 1).lstrip("-").isdigit()
    assert "'" + FORMULA_SOURCE in {r["source"] for r in rows}
    res = _runner().invoke(main, ["export", "--db", str(store_path), "--format", "csv", "-o", str(out),
                                  "--raw-formulas"])
    assert FORMULA_SOURCE in {r["source"] for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))}


def test_repeated_input_ids_give_unique_event_keys(store_path: Path, caplog) -> None:
    from dateline.export import event_rows

    with Store(store_path, read_only=True) as store:
        keys = [r["event_id_cnty"] for r in event_rows(store)]
    assert len(keys) == len(set(keys)) and len({k.split(":")[0] for k in keys}) == 2
    assert "used by more than one article" in caplog.text


EXPECTED_PARQUET_SCHEMA = [
    ("event_id_cnty", "string"), ("event_date", "string"), ("year", "int32"), ("time_precision", "int32"),
    ("disorder_type", "string"), ("event_type", "string"), ("sub_event_type", "string"),
    ("actor1", "string"), ("assoc_actor_1", "string"), ("actor2", "string"), ("assoc_actor_2", "string"),
    ("country", "string"), ("admin1", "string"), ("admin2", "string"), ("location", "string"),
    ("latitude", "double"), ("longitude", "double"), ("geo_precision", "int32"), ("source", "string"),
    ("source_url", "string"), ("notes", "string"), ("fatalities", "int32"), ("injured", "int32"),
    ("arrested", "int32"), ("plover_event_type", "string"), ("plover_mode", "string"), ("cameo", "string"),
    ("factuality", "string"), ("attributed_to", "string"), ("historical", "bool"), ("confidence", "double"),
    ("article_id", "string"), ("evidence_start", "int32"), ("evidence_end", "int32"),
    ("n_mentions", "int32"), ("evidence", "string"),
]


def test_parquet_schema_is_fixed_whatever_the_data(store_path: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    empty_db = tmp_path / "empty.duckdb"
    Store(empty_db).close()
    for db, name in ((store_path, "full.parquet"), (empty_db, "empty.parquet")):
        out = tmp_path / name
        res = _runner().invoke(main, ["export", "--db", str(db), "--format", "parquet", "-o", str(out)])
        assert res.exit_code == 0, res.output
        schema = pq.read_schema(out)
        assert [(f.name, str(f.type)) for f in schema] == EXPECTED_PARQUET_SCHEMA


def test_failed_export_keeps_the_target_and_exits_3(store_path: Path, tmp_path: Path, monkeypatch) -> None:
    import dateline.export as export_mod

    target = tmp_path / "keep.parquet"
    target.write_bytes(b"previous export")

    def full_disk(store, out):  # type: ignore[no-untyped-def]
        Path(out).write_bytes(b"partial")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(export_mod, "_export_parquet", full_disk)
    res = _runner().invoke(main, ["export", "--db", str(store_path), "--format", "parquet", "-o", str(target)])
    line = _one_line_error(res, 3)
    assert "no space left" in line and "free some space" in line
    assert target.read_bytes() == b"previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.parquet"]  # no temporary leftovers


def test_locked_store_exits_3_with_one_line(tmp_path: Path) -> None:
    db = tmp_path / "locked.duckdb"
    Store(db).close()
    holder = subprocess.Popen([sys.executable, "-c",
                               f"import duckdb,time; c=duckdb.connect({str(db)!r}); print('held', flush=True); "
                               "time.sleep(60)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        art = tmp_path / "a.txt"
        art.write_text(ARTICLE)
        start = time.perf_counter()
        res = _runner().invoke(main, ["ingest", str(art), "--db", str(db)])
        line = _one_line_error(res, 3)
        assert "locked" in line and "--db" in line
        assert time.perf_counter() - start < 10  # the store is opened before the model loads
    finally:
        holder.kill()
        holder.wait()


def test_corrupt_store_exits_3_for_ingest_and_export(tmp_path: Path) -> None:
    db = tmp_path / "corrupt.duckdb"
    db.write_bytes(b"not a database " * 1000)
    art = tmp_path / "a.txt"
    art.write_text(ARTICLE)
    line = _one_line_error(_runner().invoke(main, ["ingest", str(art), "--db", str(db)]), 3)
    assert "not a valid DuckDB" in line
    line = _one_line_error(_runner().invoke(main, ["export", "--db", str(db)]), 3)
    assert "not a valid DuckDB" in line


def test_full_disk_at_store_creation_leaves_nothing(tmp_path: Path, monkeypatch) -> None:
    real = duckdb.connect

    def no_space(path, *a, **k):  # type: ignore[no-untyped-def]
        con = real(path, *a, **k)
        if str(path).endswith(".creating"):
            con.close()
            raise duckdb.IOException("IO Error: Could not write file: No space left on device")
        return con

    monkeypatch.setattr(duckdb, "connect", no_space)
    db = tmp_path / "new.duckdb"
    with pytest.raises(StoreError, match="no space left"):
        Store(db)
    assert list(tmp_path.iterdir()) == []  # no 0-byte store blocking the next run
    monkeypatch.setattr(duckdb, "connect", real)
    Store(db).close()  # the next run creates it
    assert db.stat().st_size > 0


def test_zero_byte_store_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "zero.duckdb"
    db.write_bytes(b"")
    with pytest.raises(StoreError, match="0-byte"):
        Store(db)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes read-only files")
def test_read_only_store_exits_3(tmp_path: Path) -> None:
    db = tmp_path / "ro.duckdb"
    Store(db).close()
    db.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        art = tmp_path / "a.txt"
        res = _runner().invoke(main, ["ingest", str(art) if art.exists() else "-", "--db", str(db)], input=ARTICLE)
        _one_line_error(res, 3)
    finally:
        tmp_path.chmod(0o755)


def test_crash_is_one_line_exit_4_and_traceback_with_debug(tmp_path: Path, monkeypatch) -> None:
    import dateline.cli as cli

    def boom(*a, **k):  # type: ignore[no-untyped-def]
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "_pipeline", boom)
    res = _runner().invoke(main, ["extract", "-"], input=ARTICLE)
    line = _one_line_error(res, 4)
    assert "boom" in line and "--debug" in line
    res = _runner().invoke(main, ["--debug", "extract", "-"], input=ARTICLE)
    assert isinstance(res.exception, RuntimeError)


def test_brief_usage_errors_exit_2_with_a_fix(store_path: Path, tmp_path: Path) -> None:
    res = _runner().invoke(main, ["brief", "--db", str(tmp_path / "missing.duckdb")])
    assert res.exit_code == 2 and "does not exist" in res.output and "Traceback" not in res.output
    res = _runner().invoke(main, ["brief", "--db", str(store_path), "--story", "no-such-story"])
    assert res.exit_code == 2 and "no story with id" in res.output and "--format json" in res.output


def test_brief_title_is_used(store_path: Path) -> None:
    res = _runner().invoke(main, ["brief", "--db", str(store_path), "--title", "Checkpoint attacks"])
    assert res.exit_code == 0, res.output
    assert "Checkpoint attacks" in res.output
