"""Shared fixtures: paths, the loaded pipeline (once per session), hand-written articles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
SEED = SHARED / "seeds" / "000_07c2f900d2d46056.txt"
EXAMPLES = REPO / "examples" / "articles"

# Hand-written article used across tests (facts loosely based on real events).
ARTICLE = (
    "KABUL — Gunmen attacked a police checkpoint on the outskirts of Kabul on Monday, killing three "
    "officers and wounding five others, the Interior Ministry said.\n\n"
    "The Taliban denied any role in the attack. Police arrested two suspects later in the day, "
    "a ministry spokesman told reporters."
)


def need_shared() -> None:
    """Fail (never skip) without ../shared: a test that cannot measure must not pass silently."""
    if not SHARED.exists():
        pytest.fail(f"{SHARED} is not there: put the shared data (seeds, eval) beside the checkout "
                    "as ../shared, as CI has it", pytrace=False)


def need_data(path: Path, what: str) -> None:
    """Fail (never skip) when a gold data set a quality gate measures on is missing."""
    if not path.exists():
        pytest.fail(f"{what} not found at {path.resolve()} (needs ../shared beside the checkout)",
                    pytrace=False)


@pytest.fixture(scope="session")
def pipeline() -> Iterator[object]:
    from dateline.pipeline import Pipeline, Settings

    yield Pipeline(Settings())


@pytest.fixture(scope="session")
def seed_text() -> str:
    need_shared()
    return SEED.read_text(encoding="utf-8")
