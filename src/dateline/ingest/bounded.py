"""Reading with every resource bounded before it is spent.

Inputs are read in chunks of :data:`CHUNK` bytes (after decompression), never
as a whole unbounded line: a line longer than ``Limits.line_bytes`` is
skipped at stream speed (its bytes are counted, not kept), runs of blank
lines are skipped with C-speed scans, and a stream stops at
``Limits.input_bytes`` decompressed bytes.  Peak memory is about one line
limit plus one chunk, whatever the input (a gzip bomb included).

The limits come from the environment so tests and operators can lower them:
``DATELINE_MAX_ARTICLE_BYTES`` (one article or JSONL line, default 20 MiB)
and ``DATELINE_MAX_INPUT_BYTES`` (one input, decompressed, default 8 GiB).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

CHUNK = 1 << 20
DEFAULT_ARTICLE_BYTES = 20 * 1024 * 1024
DEFAULT_INPUT_BYTES = 8 * 1024 * 1024 * 1024

_NOT_SPACE = re.compile(rb"[^ \t\r\n\f\v]")


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        n = int(value)
    except ValueError:
        return default
    return n if n > 0 else default


@dataclass(frozen=True, slots=True)
class Limits:
    """Byte limits: one article (a file or a JSONL line) and one input (decompressed)."""

    line_bytes: int = DEFAULT_ARTICLE_BYTES
    input_bytes: int = DEFAULT_INPUT_BYTES

    @classmethod
    def from_env(cls) -> Limits:
        return cls(_env_int("DATELINE_MAX_ARTICLE_BYTES", DEFAULT_ARTICLE_BYTES),
                   _env_int("DATELINE_MAX_INPUT_BYTES", DEFAULT_INPUT_BYTES))


def mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n < 1e9 else f"{n / 1e9:.1f} GB"


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line: 1-based number, byte span in the (decompressed) stream, its bytes.

    ``data`` is None when the line was over the line limit (its bytes were skipped, not kept).
    """

    lineno: int
    start: int
    end: int
    data: bytes | None


class LineReader:
    """Non-blank lines of a binary stream, each bounded; stops at the input limit.

    After iteration, ``lineno`` is the number of physical lines seen, ``pos``
    the bytes read and ``over_input`` whether the input limit stopped it.
    ``keep=False`` does not keep line bytes (``data`` is ``b""``; planning only).
    """

    def __init__(self, fh: Any, limits: Limits, *, head: bytes = b"", pos: int = 0, lineno: int = 0,
                 keep: bool = True) -> None:
        self.fh = fh
        self.limits = limits
        self.head = head
        self.pos = pos  # bytes consumed so far (also the start offset of a seeked stream)
        self.lineno = lineno
        self.keep = keep
        self.over_input = False

    def _chunks(self) -> Iterator[bytes]:
        if self.head:
            yield self.head
        while True:
            chunk = self.fh.read(CHUNK)
            if not chunk:
                return
            yield chunk

    def __iter__(self) -> Iterator[Line]:
        limit_line = self.limits.line_bytes
        limit_input = self.limits.input_bytes
        parts: list[bytes] = []
        size = 0  # bytes of the current (unfinished) line
        overlong = False
        line_start = self.pos
        blank = True  # only whitespace so far in the current line
        for chunk in self._chunks():
            base = self.pos
            if base + len(chunk) > limit_input:
                chunk = chunk[:max(0, limit_input - base)]
                self.over_input = True
            self.pos += len(chunk)
            if blank and size == 0 and not chunk.strip():
                # A whole chunk of blank lines (a blank-line flood): count them and move on.
                nl = chunk.rfind(b"\n")
                if nl >= 0:
                    self.lineno += chunk.count(b"\n")
                    line_start = base + nl + 1
                tail = len(chunk) - (nl + 1)
                if tail:
                    size = tail
                    if self.keep:
                        parts.append(chunk[nl + 1:])
                if self.over_input:
                    break
                continue
            i = 0
            n = len(chunk)
            while i < n:
                if blank and size == 0:
                    # Skip a run of whitespace (a blank-line flood) at C speed.
                    m = _NOT_SPACE.search(chunk, i)
                    j = m.start() if m else n
                    nl = chunk.rfind(b"\n", i, j)
                    if nl >= 0:
                        self.lineno += chunk.count(b"\n", i, j)
                        i = nl + 1
                        line_start = base + i
                    if m is None:
                        size = n - i  # trailing spaces of a line not ended yet
                        if self.keep and size:
                            parts.append(chunk[i:])
                        i = n
                        break
                    blank = False
                end = chunk.find(b"\n", i)
                stop = n if end < 0 else end + 1
                piece_len = stop - i
                if not overlong:
                    if size + piece_len > limit_line:
                        overlong = True
                        parts = []
                    elif self.keep:
                        parts.append(chunk[i:stop])
                size += piece_len
                if blank and chunk[i:stop].strip():
                    blank = False
                i = stop
                if end >= 0:
                    self.lineno += 1
                    if not blank:
                        data = None if overlong else (b"".join(parts) if self.keep else b"")
                        yield Line(self.lineno, line_start, base + stop, data)
                    parts, size, overlong, blank = [], 0, False, True
                    line_start = base + stop
            if self.over_input:
                break
        if size and not self.over_input:
            self.lineno += 1
            if not blank:
                data = None if overlong else (b"".join(parts) if self.keep else b"")
                yield Line(self.lineno, line_start, self.pos, data)


def read_bounded(fh: Any, limit: int, head: bytes = b"") -> bytes:
    """Up to ``limit + 1`` bytes of a stream (one more than the limit tells that it is over)."""
    parts = [head[:limit + 1]]
    size = len(parts[0])
    while size <= limit:
        chunk = fh.read(min(CHUNK, limit + 1 - size))
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
    return b"".join(parts)
