"""Partition planning and reading (no model, no cluster)."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest
from scale_corpus import write_corpus

from dateline.errors import Reason, UsageError
from dateline.ingest.sources import BadInput
from dateline.records import RawDocument
from dateline.scale.partitions import plan_partitions, read_partition


def _all_items(parts: list) -> list:
    return [item for part in parts for item in read_partition(part)]


def test_plan_is_deterministic_and_covers_every_input(tmp_path: Path) -> None:
    write_corpus(tmp_path, n_files=7, n_lines=10)
    first = plan_partitions([str(tmp_path)], size=3)
    second = plan_partitions([str(tmp_path)], size=3)
    assert [p.pid for p in first] == [p.pid for p in second]
    assert len({p.pid for p in first}) == len(first)
    items = _all_items(first)
    # 8 files (7 reports + empty.txt) + 10 good lines + 1 bad JSON + 1 record without text
    assert len(items) == sum(p.n_items for p in first) == 20
    assert all(p.n_items <= 3 for p in first)
    bad = [i for i in items if isinstance(i, BadInput)]
    assert sorted(b.reason for b in bad) == [Reason.BAD_RECORD, Reason.BAD_RECORD]


def test_jsonl_ranges_match_a_sequential_read(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"r{i}", "text": f"Line number {i} of the batch."}) for i in range(11)]
    lines.insert(4, "")  # a blank line is not an article but keeps line numbers honest
    (tmp_path / "b.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with gzip.open(tmp_path / "c.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    for name in ("b.jsonl", "c.jsonl.gz"):
        parts = plan_partitions([str(tmp_path / name)], size=4)
        assert [p.n_items for p in parts] == [4, 4, 3]
        if name.endswith(".gz"):
            assert all(p.offset is None for p in parts)
        else:
            assert all(p.offset is not None for p in parts)
        items = _all_items(parts)
        assert [i.id for i in items if isinstance(i, RawDocument)] == [f"r{i}" for i in range(11)]
        # origins carry the physical line number, as the single-process reader does
        assert items[4].origin.endswith(f"{name}:6")


def test_changed_file_or_settings_give_new_partition_ids(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Police said two people were arrested in the capital on Monday.", encoding="utf-8")
    before = plan_partitions([str(f)])[0].pid
    assert plan_partitions([str(f)], fingerprint={"published": "2020-01-01"})[0].pid != before
    f.write_text("Police said three people were arrested in the capital on Monday.", encoding="utf-8")
    os.utime(f, (1, 1))
    assert plan_partitions([str(f)])[0].pid != before


def test_urls_and_globs(tmp_path: Path) -> None:
    write_corpus(tmp_path, n_files=3, n_lines=2)
    by_url = plan_partitions([f"file://{tmp_path}/report-*.txt"], size=10)
    assert by_url[0].n_items == 3
    assert [i.origin for i in _all_items(by_url)][0].startswith("file://")


def test_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="standard input"):
        plan_partitions(["-"])
    with pytest.raises(UsageError, match="not found"):
        plan_partitions([str(tmp_path / "missing.txt")])
    with pytest.raises(UsageError, match="at least 1"):
        plan_partitions([str(tmp_path)], size=0)


def test_unreadable_file_becomes_a_rejection(tmp_path: Path) -> None:
    f = tmp_path / "gone.txt"
    f.write_text("Soldiers patrolled the border town on Friday, officials said.", encoding="utf-8")
    parts = plan_partitions([str(f)])
    f.unlink()
    (item,) = _all_items(parts)
    assert isinstance(item, BadInput) and item.reason == Reason.UNREADABLE
