"""A progress line on stderr: articles done, articles/s and ETA.

On a terminal the line redraws in place; elsewhere (logs, CI) it prints a
line at most every ``interval`` seconds, so a long run leaves a readable log.
The rate counts only articles processed in this run (partitions resumed from
an earlier run count as done but not towards the speed).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TextIO


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}h{m:02d}m{s:02d}s" if h else f"{m}m{s:02d}s"


@dataclass
class Progress:
    total: int  # articles in all partitions
    done: int = 0  # articles in finished partitions (including resumed ones)
    stream: TextIO | None = None  # None: silent
    interval: float = 2.0  # seconds between lines when not on a terminal
    started: float = field(default_factory=time.perf_counter)
    processed: int = 0  # articles finished in this run
    _last: float = 0.0

    def resumed(self, n: int) -> None:
        """Articles already done by an earlier run."""
        self.done += n

    def advance(self, n: int) -> None:
        self.done += n
        self.processed += n
        self.render()

    @property
    def rate(self) -> float:
        elapsed = time.perf_counter() - self.started
        return self.processed / elapsed if elapsed > 0 else 0.0

    def line(self) -> str:
        rate = self.rate
        remaining = max(self.total - self.done, 0)
        eta = _clock(remaining / rate) if rate > 0 else "?"
        pct = 100.0 * self.done / self.total if self.total else 100.0
        width = 24
        filled = int(width * pct / 100)
        bar = "#" * filled + "-" * (width - filled)
        return (f"[{bar}] {self.done}/{self.total} articles ({pct:.0f}%)  {rate:.1f} articles/s  "
                f"ETA {eta}  elapsed {_clock(time.perf_counter() - self.started)}")

    def render(self, final: bool = False) -> None:
        if self.stream is None:
            return
        now = time.perf_counter()
        tty = self.stream.isatty()
        if not (final or tty or now - self._last >= self.interval):
            return
        self._last = now
        if tty:
            self.stream.write("\r" + self.line() + ("\n" if final else ""))
        else:
            self.stream.write(self.line() + "\n")
        self.stream.flush()
