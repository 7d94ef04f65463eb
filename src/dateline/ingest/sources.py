"""Read inputs into :class:`RawDocument` streams.

Supported: ``.txt`` (plain text), ``.html``/``.htm`` (pages), ``.jsonl`` and
``.jsonl.gz`` batches (one object per line with ``text`` or ``html``), folders
(recursively, in sorted order) and ``-`` for standard input.  Unreadable lines
in a batch do not stop it: they become :class:`BadInput` items that the
pipeline turns into rejections.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Literal

from dateline.errors import Reason, UsageError
from dateline.ingest.bounded import CHUNK, Limits, Line, LineReader, mb, read_bounded
from dateline.records import RawDocument

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")

# Anything larger than this is rejected before decoding (bytes); the default of
# ``Limits.line_bytes`` (DATELINE_MAX_ARTICLE_BYTES overrides it, see ingest/bounded.py).
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


def _stdin_head(stream: BinaryIO) -> bytes:
    """Enough of stdin to tell JSONL from a single article (one chunk, bounded)."""
    return stream.read(CHUNK)


def read_inputs(inputs: Iterable[str], stdin: BinaryIO | None = None,
                limits: Limits | None = None) -> Iterator[InputItem]:
    """Yield one item per article, in input order.  Every read is bounded by ``limits``."""
    lim = limits or Limits.from_env()
    for path in iter_paths(inputs):
        if path == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            head = _stdin_head(stream)
            kind = _sniff_kind(head)
            if kind == "jsonl":
                # Line by line, each line bounded: a long stream is never cut silently.
                yield from _read_jsonl(stream, "<stdin>", lim, head=head)
            else:
                data = read_bounded(stream, lim.line_bytes, head)
                yield _raw_or_bad(data, kind, "<stdin>", lim)
            continue
        yield from read_path(Path(path), lim)


def read_path(path: Path, limits: Limits | None = None) -> Iterator[InputItem]:
    lim = limits or Limits.from_env()
    origin = clean_meta(str(path))  # undecodable file names carry surrogates
    kind = kind_for(path.name)
    try:
        if kind == "jsonl":
            opener = gzip.open if path.name.lower().endswith(".gz") else open
            with opener(path, "rb") as fh:  # type: ignore[operator]
                yield from _read_jsonl(fh, origin, lim)
            return
        size = path.stat().st_size
        if size > lim.line_bytes:
            yield BadInput(origin, Reason.TOO_LARGE,
                           f"input is {mb(size)}, over the {mb(lim.line_bytes)} limit "
                           "for one article; split it or pass it as a JSONL batch")
            return
        with open(path, "rb") as fh:
            data = read_bounded(fh, lim.line_bytes)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield BadInput(origin, Reason.UNREADABLE, f"cannot read {origin}: {exc}")
        return
    yield _raw_or_bad(data, kind or _sniff_kind(data), origin, lim)


def _raw_or_bad(data: bytes, kind: str, origin: str, limits: Limits | None = None) -> InputItem:
    limit = (limits or Limits.from_env()).line_bytes
    if len(data) > limit:
        return BadInput(origin, Reason.TOO_LARGE,
                        f"input is over the {mb(limit)} limit for one article; "
                        "split it or pass it as a JSONL batch")
    return RawDocument(data=data, kind="html" if kind == "html" else "text", origin=origin)


def jsonl_line_item(line: Line, origin: str, limits: Limits) -> InputItem:
    """One non-blank JSONL line (bounded by :class:`LineReader`) as an input item."""
    line_origin = f"{origin}:{line.lineno}"
    if line.data is None:
        return BadInput(line_origin, Reason.TOO_LARGE,
                        f"JSONL line is over the {mb(limits.line_bytes)} limit for one article "
                        f"(DATELINE_MAX_ARTICLE_BYTES); it was skipped unread")
    try:
        obj = json.loads(line.data)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        return BadInput(line_origin, Reason.BAD_RECORD, f"line is not valid JSON: {str(exc)[:200]}")
    return record_to_raw(obj, line_origin)


def over_input_item(origin: str, reader: LineReader, limits: Limits) -> BadInput:
    return BadInput(f"{origin}:{reader.lineno + 1}", Reason.TOO_LARGE,
                    f"input is over the {mb(limits.input_bytes)} limit for one input "
                    f"(DATELINE_MAX_INPUT_BYTES, decompressed); lines after {reader.lineno} were not read: "
                    "split the batch")


def _read_jsonl(fh: BinaryIO | Any, origin: str, limits: Limits | None = None,
                head: bytes = b"") -> Iterator[InputItem]:
    lim = limits or Limits.from_env()
    reader = LineReader(fh, lim, head=head)
    try:
        for line in reader:
            yield jsonl_line_item(line, origin, lim)
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
        yield BadInput(f"{origin}:{reader.lineno + 1}", Reason.UNREADABLE,
                       f"batch broken after line {reader.lineno}: {exc}")
        return
    if reader.over_input:
        yield over_input_item(origin, reader, lim)


# Metadata longer than this is not a title or an id: the record is rejected.
MAX_ID_CHARS = 1000
MAX_META_CHARS = 100_000
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_meta(value: str) -> str:
    """Metadata repaired like text: lone surrogates become U+FFFD, NUL bytes go."""
    if not value.isascii():
        value = _SURROGATE.sub("\ufffd", value)
    return value.replace("\x00", "")


class _BadMeta(Exception):
    pass


def _opt_str(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        raise _BadMeta(f"'{key}' must be a string, not a JSON {type(value).__name__}")
    text = clean_meta(str(value))
    limit = MAX_ID_CHARS if key == "id" else MAX_META_CHARS
    if len(text) > limit:
        raise _BadMeta(f"'{key}' is {len(text)} characters, over the {limit} limit")
    return text


def record_to_raw(obj: Any, origin: str) -> InputItem:
    """Turn one JSON object (a JSONL line, an API body) into a RawDocument."""
    if not isinstance(obj, dict):
        return BadInput(origin, Reason.BAD_RECORD, "JSONL line must be an object with 'text' or 'html'")
    try:
        rid = _opt_str(obj, "id")
    except _BadMeta as exc:
        return BadInput(origin, Reason.BAD_METADATA, f"{origin}: {exc}")
    if isinstance(obj.get("html"), str):
        data: str = obj["html"]
        kind = "html"
    elif isinstance(obj.get("text"), str):
        data = obj["text"]
        kind = "text"
    else:
        return BadInput(origin, Reason.BAD_RECORD, "record has neither a 'text' nor an 'html' string", id=rid)
    try:
        return RawDocument(
            data=data, kind=kind, origin=origin, id=rid,  # type: ignore[arg-type]
            title=_opt_str(obj, "title"), url=_opt_str(obj, "url"),
            published=_opt_str(obj, "published"), source=_opt_str(obj, "source"),
            language=_opt_str(obj, "language"), author=_opt_str(obj, "author"),
        )
    except _BadMeta as exc:
        return BadInput(origin, Reason.BAD_METADATA, f"{origin}: {exc}", id=rid)
