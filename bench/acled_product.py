"""ACLED typing measured through the product (``Pipeline(Settings()).pipe``).

    PYTHONPATH=src .venv/bin/python bench/acled_product.py case2021 ../shared/eval/case2021-task2
    PYTHONPATH=src .venv/bin/python bench/acled_product.py polnear ../shared/eval/polnear/dev/text

``case2021``: every snippet goes through extract; its main event is ``events[0]`` after a sort
by confidence (highest first); the event's ACLED sub-event type maps back to its CASE 2021 code
(NONE when the event has none, or there is no event). Scored like the CASE 2021 scorer.

``polnear``: how many events per article carry a violent ACLED type (Battles,
Explosions/Remote violence, Violence against civilians). Only counts: no text is printed.
Prints one JSON object.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from dateline.eval.case2021 import classification_report, read_snippets
from dateline.extract.events.acled import ACLED_CODES
from dateline.pipeline import Pipeline, Settings

_CODE_OF = {sub: code for code, (_, sub) in ACLED_CODES.items()}
VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


def _records(texts: list[tuple[str, str]], settings: Settings) -> list[dict[str, Any]]:
    pipe = Pipeline(settings)
    return [r.to_dict() for r in pipe.pipe({"id": i, "text": t} for i, t in texts)]


def case2021(data: str, settings: Settings) -> dict[str, Any]:
    rows = read_snippets(data)
    start = time.perf_counter()
    recs = _records([(i, t) for i, t, _ in rows], settings)
    pred = []
    for rec in recs:
        events = sorted(rec.get("events") or [], key=lambda e: -float(e.get("confidence") or 0))
        sub = events[0].get("acled_sub_event_type") if events else None
        pred.append(_CODE_OF.get(sub, "NONE") if sub else "NONE")
    report = classification_report([g for _, _, g in rows], pred)
    report.pop("per_class")
    return {"dataset": "case2021-task2 via extract", "n_docs": len(rows),
            "seconds": round(time.perf_counter() - start, 1), **report}


def polnear(folder: str, settings: Settings) -> dict[str, Any]:
    files = sorted(Path(folder).glob("*.txt"))
    recs = _records([(f.stem, f.read_text(encoding="utf-8")) for f in files], settings)
    n_events = sum(len(r.get("events") or []) for r in recs)
    violent = sum(1 for r in recs for e in r.get("events") or [] if e.get("acled_event_type") in VIOLENT)
    return {"dataset": "polnear dev", "n_docs": len(recs), "events": n_events,
            "violent_acled_events": violent,
            "violent_acled_per_article": round(violent / len(recs), 3) if recs else 0.0}


def main(argv: list[str]) -> None:
    which, data = argv[0], argv[1]
    settings = Settings(events_model=Path(argv[2])) if len(argv) > 2 else Settings()
    print(json.dumps({"case2021": case2021, "polnear": polnear}[which](data, settings)))


if __name__ == "__main__":
    main(sys.argv[1:])
