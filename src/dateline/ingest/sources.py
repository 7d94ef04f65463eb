"""Read inputs into :class:`RawDocument` streams.

Supported: ``.txt`` (plain text), ``.html``/``.htm`` (pages), ``.jsonl`` and
``.jsonl.gz`` batches (one object per line with ``text`` or ``html``), folders
(recursively, in sorted order) and ``-`` for standard input.  Unreadable lines
in a batch do not stop it: they become :class:`BadInput` items that the
pipeline turns into rejections.
"""

from __future__ import annotations

import gzip
import io
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Literal

from dateline.errors import Reason, UsageError
from dateline.records import RawDocument

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")

# Anything larger than this is rejected before decoding (bytes).
MAX_INPUT_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class BadInput:
    """An input item that could not even be read as a document."""

    origin: str
    reason: Reason
    message: str
    id: str | None = None


InputItem = RawDocument | BadInput


def kind_for(name: str) -> Literal["text", "html", "jsonl"] | None:
    """How to read a file, from its name (None: not an input dateline reads)."""
    low = name.lower()
    if low.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if low.endswith(HTML_SUFFIXES):
        return "html"
    if low.endswith(TEXT_SUFFIXES):
        return "text"
    return None


def iter_paths(inputs: Iterable[str]) -> Iterator[str]:
    """Expand folders (sorted, recursive) into files with known suffixes; keep ``-``."""
    for item in inputs:
        if item == "-":
            yield item
            continue
        path = Path(item)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if kind_for(child.name) is not None:
                    yield str(child)
        elif path.exists():
            yield str(path)
        else:
            raise UsageError(f"input not found: {item!r} (give a file, a folder, or - for stdin)")


def _sniff_kind(data: bytes) -> str:
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head or b"<article" in head:
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    return "text"


def read_inputs(inputs: Iterable[str], stdin: BinaryIO | None = None) -> Iterator[InputItem]:
    """Yield one item per article, in input order."""
    for path in iter_paths(inputs):
        if path == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read(MAX_INPUT_BYTES + 1)
            kind = _sniff_kind(data)
            if kind == "jsonl":
                yield from _read_jsonl(io.BytesIO(data), "<stdin>")
            else:
                yield _raw_or_bad(data, kind, "<stdin>")
            continue
        yield from read_path(Path(path))


def read_path(path: Path) -> Iterator[InputItem]:
    origin = str(path)
    kind = kind_for(path.name)
    try:
        if kind == "jsonl":
            opener = gzip.open if path.name.lower().endswith(".gz") else open
            with opener(path, "rb") as fh:  # type: ignore[operator]
                yield from _read_jsonl(fh, origin)
            return
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            yield BadInput(origin, Reason.TOO_LARGE,
                           f"input is {size / 1e6:.1f} MB, over the {MAX_INPUT_BYTES / 1e6:.0f} MB limit "
                           "for one article; split it or pass it as a JSONL batch")
            return
        data = path.read_bytes()
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield BadInput(origin, Reason.UNREADABLE, f"cannot read {origin}: {exc}")
        return
    yield _raw_or_bad(data, kind or _sniff_kind(data), origin)


def _raw_or_bad(data: bytes, kind: str, origin: str) -> InputItem:
    if len(data) > MAX_INPUT_BYTES:
        return BadInput(origin, Reason.TOO_LARGE,
                        f"input is over the {MAX_INPUT_BYTES / 1e6:.0f} MB limit for one article")
    return RawDocument(data=data, kind="html" if kind == "html" else "text", origin=origin)


def _read_jsonl(fh: BinaryIO | Any, origin: str) -> Iterator[InputItem]:
    lineno = 0
    try:
        for raw_line in fh:
            lineno += 1
            line_origin = f"{origin}:{lineno}"
            if not raw_line.strip():
                continue
            if len(raw_line) > MAX_INPUT_BYTES:
                yield BadInput(line_origin, Reason.TOO_LARGE, "JSONL line is over the size limit")
                continue
            try:
                obj = json.loads(raw_line)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                yield BadInput(line_origin, Reason.BAD_RECORD, f"line is not valid JSON: {exc}")
                continue
            yield record_to_raw(obj, line_origin)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield BadInput(f"{origin}:{lineno + 1}", Reason.UNREADABLE, f"batch broken after line {lineno}: {exc}")


def _opt_str(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    return str(value)


def record_to_raw(obj: Any, origin: str) -> InputItem:
    """Turn one JSON object (a JSONL line, an API body) into a RawDocument."""
    if not isinstance(obj, dict):
        return BadInput(origin, Reason.BAD_RECORD, "JSONL line must be an object with 'text' or 'html'")
    rid = _opt_str(obj, "id")
    if isinstance(obj.get("html"), str):
        data: str = obj["html"]
        kind = "html"
    elif isinstance(obj.get("text"), str):
        data = obj["text"]
        kind = "text"
    else:
        return BadInput(origin, Reason.BAD_RECORD, "record has neither a 'text' nor an 'html' string", id=rid)
    return RawDocument(
        data=data, kind=kind, origin=origin, id=rid,  # type: ignore[arg-type]
        title=_opt_str(obj, "title"), url=_opt_str(obj, "url"),
        published=_opt_str(obj, "published"), source=_opt_str(obj, "source"),
        language=_opt_str(obj, "language"), author=_opt_str(obj, "author"),
    )
