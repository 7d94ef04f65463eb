"""The OpenAPI document: snapshot-tested, and fuzzed with schemathesis (no request may cause a 5xx).

To accept an intended API change: DATELINE_UPDATE_SNAPSHOTS=1 pytest tests/api/test_api_openapi.py
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from apihelpers import AUTH, TOKEN, FakePipeline, build_store
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from dateline.api import ApiSettings, create_app

SNAPSHOT = Path(__file__).parent / "snapshots" / "openapi.json"


def _app(db: Path) -> object:
    return create_app(ApiSettings(db=db, token=TOKEN, pipeline_factory=FakePipeline, static_dir=None))


def test_openapi_snapshot(tmp_path: Path) -> None:
    doc = _app(tmp_path / "o.duckdb").openapi()  # type: ignore[attr-defined]
    text = json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    if os.environ.get("DATELINE_UPDATE_SNAPSHOTS") or not SNAPSHOT.exists():
        SNAPSHOT.write_text(text, encoding="utf-8")
    assert text == SNAPSHOT.read_text(encoding="utf-8"), (
        "the OpenAPI document changed; if intended, rerun with DATELINE_UPDATE_SNAPSHOTS=1 and commit it")


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    db = build_store(tmp_path_factory.mktemp("fuzz") / "fuzz.duckdb")
    app = _app(db)
    with TestClient(app):  # runs the lifespan: the database is open while schemathesis calls the app
        yield schemathesis.openapi.from_asgi("/openapi.json", app)


def test_no_server_errors(api_schema: schemathesis.BaseSchema) -> None:
    """Every operation, fuzzed from its schema (with the token, so writes run too): never a 5xx.

    Drives hypothesis directly: schemathesis' pytest plugin does not support pytest 9 yet.
    """
    n_operations = 0
    for result in api_schema.get_all_operations():
        operation = result.ok()
        n_operations += 1

        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def check(case: schemathesis.Case) -> None:
            case.call_and_validate(headers=AUTH, checks=[not_a_server_error])

        check()
    assert n_operations >= 9
