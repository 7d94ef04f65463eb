"""Shared request dependencies: the database, pagination bounds."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
from fastapi import Request

from dateline.api.db import Database

MAX_LIMIT = 500
MAX_OFFSET = 10_000_000


def database(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def cursor(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """One DuckDB cursor per request, closed when the response is done."""
    db: Database = request.app.state.db
    with db.reader() as cur:
        yield cur
