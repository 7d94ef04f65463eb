import gzip
import io
import json
from pathlib import Path

import pytest

from dateline.errors import Reason, UsageError
from dateline.ingest.sources import BadInput, read_inputs
from dateline.records import RawDocument


def _write(path: Path, lines: list[object]) -> None:
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n")


def test_jsonl_batch_with_a_broken_line(tmp_path: Path) -> None:
    batch = tmp_path / "b.jsonl"
    _write(batch, [{"id": "a", "text": "One.", "published": "2020-01-02"}, "{not json",
                   {"id": "c", "html": "<p>x</p>"}, {"id": "d"}])
    items = list(read_inputs([str(batch)]))
    assert [type(i) for i in items] == [RawDocument, BadInput, RawDocument, BadInput]
    assert items[0].published == "2020-01-02" and items[0].id == "a"
    assert items[1].reason is Reason.BAD_RECORD and items[1].origin.endswith(":2")
    assert items[2].kind == "html"
    assert items[3].reason is Reason.BAD_RECORD and items[3].id == "d"


def test_jsonl_gz_and_folders_in_sorted_order(tmp_path: Path) -> None:
    with gzip.open(tmp_path / "a.jsonl.gz", "wt") as fh:
        fh.write(json.dumps({"text": "first"}) + "\n")
    (tmp_path / "b.txt").write_text("second")
    (tmp_path / "c.html").write_text("<html><body><p>third</p></body></html>")
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG")
    items = list(read_inputs([str(tmp_path)]))
    assert [i.kind for i in items if isinstance(i, RawDocument)] == ["text", "text", "html"]


def test_stdin_text_and_jsonl() -> None:
    items = list(read_inputs(["-"], stdin=io.BytesIO(b"Plain text from a pipe.")))
    assert isinstance(items[0], RawDocument) and items[0].origin == "<stdin>"
    items = list(read_inputs(["-"], stdin=io.BytesIO(b'{"text": "a"}\n{"text": "b"}\n')))
    assert len(items) == 2


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="input not found"):
        list(read_inputs([str(tmp_path / "nope.txt")]))


def test_huge_file_is_rejected_without_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    items = list(read_inputs([str(big)]))
    assert isinstance(items[0], BadInput) and items[0].reason is Reason.TOO_LARGE
    assert "MB" in items[0].message
