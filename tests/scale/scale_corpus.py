"""A small corpus written for the scale tests: short hand-written reports, as files and a JSONL batch.

The facts are invented variations on common wire-report shapes; every
article is distinct (so each has its own content key), and a few inputs are
broken on purpose so rejections travel through the distributed path too.
"""

from __future__ import annotations

import json
from pathlib import Path

from dateline.ingest.prepare import content_hash, prepare
from dateline.records import RawDocument

CITIES = ["Mosul", "Kirkuk", "Basra", "Aleppo", "Kabul", "Mogadishu"]
ACTORS = ["Gunmen", "Protesters", "Soldiers", "Militants", "Police officers", "Rebels"]
ACTIONS = [
    "attacked a checkpoint near the main market",
    "marched towards the provincial council building",
    "clashed with a rival group outside the city",
    "fired rockets at an army base",
    "blocked the highway leading to the airport",
    "stormed a government office",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]


def article(i: int) -> str:
    city = CITIES[i % len(CITIES)]
    actor = ACTORS[(i // len(CITIES)) % len(ACTORS)]
    action = ACTIONS[(i * 5) % len(ACTIONS)]
    day = DAYS[(i * 7) % len(DAYS)]
    return (f"{city.upper()} — {actor} {action} in {city} on {day}, and {i % 5 + 2} people were hurt, "
            f"a local official said.\n\n"
            f"Security forces detained {i % 4 + 1} suspects later that day, the official told reporters. "
            f"Shops in the district stayed closed for {i % 3 + 2} hours.")


def write_corpus(root: Path, n_files: int = 12, n_lines: int = 24) -> list[str]:
    """Write ``n_files`` .txt articles and a JSONL batch of ``n_lines`` more (plus two broken lines
    and an empty file).  Returns the texts of the good articles."""
    root.mkdir(parents=True, exist_ok=True)
    texts = []
    for i in range(n_files):
        text = article(i)
        (root / f"report-{i:03d}.txt").write_text(text, encoding="utf-8")
        texts.append(text)
    lines = []
    for j in range(n_lines):
        text = article(n_files + j)
        texts.append(text)
        lines.append(json.dumps({"id": f"wire-{j}", "text": text, "published": f"2021-03-{j % 3 + 1:02d}"}))
        if j == n_lines // 2:
            lines.append("{this line is not json")
            lines.append("")
    lines.append(json.dumps({"id": "no-text", "title": "A record without a body"}))
    (root / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "empty.txt").write_text("   \n", encoding="utf-8")
    return texts


def expected_keys(texts: list[str]) -> set[str]:
    """The store keys of the good articles (content hashes of their cleaned text)."""
    return {content_hash(prepare(RawDocument(data=t, kind="text", origin="x"), "2021-03-01").text)
            for t in texts}
