"""Split inputs (local paths or fsspec URLs) into small, deterministic partitions.

A :class:`Partition` is a pure description of work: a few single-article
files, or a range of lines of one JSONL batch.  Its ``pid`` is a hash of what
it covers (paths, sizes, modification stamps, line range) and of the
settings that shape its output, so the same inputs planned twice give the
same partitions: a re-run overwrites the same output files and a restarted
client recognizes partitions that are already done.

Planning runs on the client and only lists files and scans JSONL batches for
line boundaries (cheap next to the NLP); reading a partition's articles
(:func:`read_partition`) runs inside a worker.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import fsspec

from dateline.errors import Reason, UsageError
from dateline.ingest.bounded import Limits, LineReader, mb, read_bounded
from dateline.ingest.sources import (
    BadInput,
    InputItem,
    jsonl_line_item,
    kind_for,
    over_input_item,
)
from dateline.records import RawDocument

PARTITION_FORMAT = 1  # bump when a change to the output of a partition must invalidate old outputs
DEFAULT_PARTITION_SIZE = 128  # articles; small enough to keep worker memory flat


@dataclass(frozen=True, slots=True)
class Partition:
    """One task's worth of input: some files, or lines ``[start, stop)`` of one JSONL batch."""

    pid: str
    kind: Literal["files", "jsonl"]
    paths: tuple[str, ...]  # URLs or absolute local paths; one path for ``jsonl``
    n_items: int  # articles (non-blank lines for JSONL), for progress
    start: int = 0  # first physical line (0-based), JSONL only
    stop: int = 0  # one past the last physical line, JSONL only
    offset: int | None = None  # byte offset of ``start`` in an uncompressed batch (None: skip lines)


@dataclass(frozen=True, slots=True)
class _Source:
    url: str
    kind: Literal["text", "html", "jsonl"]
    stamp: str  # size and modification time or etag: a changed file is a new partition


def _filesystem(item: str) -> tuple[Any, str, bool]:
    """(fsspec filesystem, path inside it, is_remote) for a local path or URL."""
    if "://" in item:
        fs, path = fsspec.core.url_to_fs(item)
        return fs, path, True
    fs = fsspec.filesystem("file")
    return fs, str(Path(item).expanduser().resolve()), False


def _url(fs: Any, path: str, remote: bool) -> str:
    return fs.unstrip_protocol(path) if remote else path


def _stamp(info: dict[str, Any]) -> str:
    moment = info.get("mtime") or info.get("LastModified") or info.get("ETag") or info.get("etag") or ""
    return f"{info.get('size')}:{moment}"


def list_sources(inputs: Iterable[str]) -> list[_Source]:
    """Expand files, folders (recursive, sorted, known suffixes) and globs, in input order."""
    sources: list[_Source] = []
    for item in inputs:
        if item == "-":
            raise UsageError("a distributed ingest cannot read standard input; give files, folders or URLs")
        fs, path, remote = _filesystem(item)
        if any(ch in path for ch in "*?["):
            found = fs.glob(path, detail=True)
            entries = sorted((p, i) for p, i in found.items() if i.get("type") == "file")
            chosen = [(p, i) for p, i in entries if kind_for(p) is not None]
        elif fs.isdir(path):
            found = fs.find(path, detail=True)
            chosen = sorted((p, i) for p, i in found.items() if kind_for(p) is not None)
        elif fs.exists(path):
            chosen = [(path, fs.info(path))]
        else:
            raise UsageError(f"input not found: {item!r} (give a file, a folder, a glob or an fsspec URL)")
        for p, info in chosen:
            sources.append(_Source(_url(fs, p, remote), kind_for(p) or "text", _stamp(info)))
    return sources


def _pid(payload: dict[str, Any]) -> str:
    blob = json.dumps({"format": PARTITION_FORMAT, **payload}, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:24]


def _open_batch(url: str) -> Any:
    compression = "gzip" if url.lower().endswith(".gz") else None
    return fsspec.open(url, "rb", compression=compression)


def _scan_jsonl(src: _Source, size: int, fingerprint: dict[str, Any],
                limits: Limits | None = None) -> Iterator[Partition]:
    """Line ranges of ``size`` non-blank lines each, with the byte offset where each starts.

    Read with the same bounds as a worker (:class:`LineReader`, nothing kept): an over-long
    line or a blank-line flood costs stream time, not memory.  A batch over the input limit
    ends with one more line in its last partition, where the worker reports the cut.
    """
    lim = limits or Limits.from_env()
    seekable = not src.url.lower().endswith(".gz")
    start = n = 0
    offset = 0
    with _open_batch(src.url) as fh:
        reader = LineReader(fh, lim, keep=False)
        for ln in reader:
            n += 1
            if n == size:
                yield _jsonl_partition(src, start, ln.lineno, n, offset if seekable else None, fingerprint)
                start, offset, n = ln.lineno, ln.end, 0
        line = reader.lineno
        if reader.over_input:
            n += 1  # the worker's "rest not read" rejection
            line += 1
    if n:
        yield _jsonl_partition(src, start, line, n, offset if seekable else None, fingerprint)


def _jsonl_partition(src: _Source, start: int, stop: int, n: int, offset: int | None,
                     fingerprint: dict[str, Any]) -> Partition:
    pid = _pid({"jsonl": [src.url, src.stamp, start, stop], **fingerprint})
    return Partition(pid, "jsonl", (src.url,), n, start, stop, offset)


def plan_partitions(inputs: Iterable[str], size: int = DEFAULT_PARTITION_SIZE,
                    fingerprint: dict[str, Any] | None = None) -> list[Partition]:
    """Deterministic partitions of the inputs; ``fingerprint`` (settings) enters every ``pid``."""
    if size < 1:
        raise UsageError(f"partition size must be at least 1 (got {size})")
    fp = dict(fingerprint or {})
    parts: list[Partition] = []
    pending: list[_Source] = []

    def flush() -> None:
        if pending:
            pid = _pid({"files": [[s.url, s.stamp] for s in pending], **fp})
            parts.append(Partition(pid, "files", tuple(s.url for s in pending), len(pending)))
            pending.clear()

    for src in list_sources(inputs):
        if src.kind == "jsonl":
            flush()
            parts.extend(_scan_jsonl(src, size, fp))
            continue
        pending.append(src)
        if len(pending) >= size:
            flush()
    flush()
    return parts


# -- inside a worker ------------------------------------------------------------

def read_partition(part: Partition) -> Iterator[InputItem]:
    """The partition's articles as input items, in order; unreadable inputs become :class:`BadInput`."""
    if part.kind == "jsonl":
        yield from _read_jsonl_range(part)
        return
    for url in part.paths:
        yield _read_file(url)


def _sniff_kind(data: bytes) -> Literal["text", "html"]:
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head or b"<article" in head:
        return "html"
    return "text"


def _read_file(url: str) -> InputItem:
    limit = Limits.from_env().line_bytes
    try:
        with fsspec.open(url, "rb") as fh:
            data = read_bounded(fh, limit)
    except (OSError, EOFError) as exc:
        return BadInput(url, Reason.UNREADABLE, f"cannot read {url}: {exc}")
    if len(data) > limit:
        return BadInput(url, Reason.TOO_LARGE,
                        f"input is over the {mb(limit)} limit for one article; "
                        "split it or pass it as a JSONL batch")
    kind = kind_for(url)
    return RawDocument(data=data, kind="html" if (kind or _sniff_kind(data)) == "html" else "text",
                       origin=url)


def _read_jsonl_range(part: Partition) -> Iterator[InputItem]:
    url = part.paths[0]
    lim = Limits.from_env()
    reader: LineReader | None = None
    try:
        with _open_batch(url) as fh:
            if part.offset is not None:
                fh.seek(part.offset)
                reader = LineReader(fh, lim, pos=part.offset, lineno=part.start)
            else:
                reader = LineReader(fh, lim)
            for ln in reader:
                if ln.lineno <= part.start:
                    continue  # a compressed batch: skip to the range, bounded like the rest
                if ln.lineno > part.stop:
                    return
                yield jsonl_line_item(ln, url, lim)
            if reader.over_input and reader.lineno < part.stop:
                yield over_input_item(url, reader, lim)
    except (OSError, EOFError) as exc:  # gzip.BadGzipFile is an OSError
        line = reader.lineno if reader is not None else part.start
        yield BadInput(f"{url}:{line + 1}", Reason.UNREADABLE, f"batch broken after line {line}: {exc}")
