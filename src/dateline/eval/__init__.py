"""Scorers on the gold data sets (``dateline eval NAME --data PATH``).

Each scorer module exposes ``evaluate(data: str, limit: int | None) -> dict``;
the report's first keys are ``dataset``, ``data``, ``n_docs``, ``seconds``.
Registered explicitly here (name → module), not discovered by import side effects.
"""

from __future__ import annotations

import importlib
from typing import Any

EVALUATORS: dict[str, str] = {
    "timebank": "dateline.eval.timebank",
    "geowebnews": "dateline.eval.geowebnews",
    "polnear": "dateline.eval.polnear",
    "case2021": "dateline.eval.case2021",
    "case2021-task2": "dateline.eval.case2021",
    "plover-gsr": "dateline.eval.plover_gsr",
    "india-police-events": "dateline.eval.india_police",
    "india-police": "dateline.eval.india_police",
    "petrarch2-unittests": "dateline.eval.petrarch",
    "petrarch": "dateline.eval.petrarch",
    "ecbplus": "dateline.eval.ecbplus",
    "acled": "dateline.eval.acled",
}


def run_evaluation(name: str, data: str, limit: int | None = None, **options: Any) -> dict[str, Any]:
    """Run one scorer; ``options`` are its own (``split`` for acled)."""
    module = importlib.import_module(EVALUATORS[name])
    report: dict[str, Any] = module.evaluate(data, limit=limit, **options)
    return report
