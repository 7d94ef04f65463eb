"""``dateline serve`` and ``dateline watch``: click commands over the api and watch libraries.

The lead registers them in ``dateline/cli.py``::

    from dateline.api.cli import serve, watch
    main.add_command(serve)
    main.add_command(watch)
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import click


def _token(env_name: str) -> str | None:
    token = os.environ.get(env_name) or None
    if token is not None and len(token) < 16:
        raise click.UsageError(f"${env_name} is too short: use at least 16 random characters "
                               "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(32))')")
    return token


@click.command()
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="DuckDB store file.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--token-env", default="DATELINE_TOKEN", show_default=True,
              help="Environment variable holding the bearer token for writes (unset: writes refused).")
@click.option("--cors-origin", multiple=True, help="Allow this browser origin (repeatable; default: none).")
@click.option("--published", help="Publication date (YYYY-MM-DD) for ingested articles that carry none.")
@click.option("--feed", "feeds", multiple=True, help="Also watch this RSS/Atom feed or sitemap (repeatable).")
@click.option("--interval", default=300.0, show_default=True, type=click.FloatRange(min=5),
              help="Seconds between feed polls.")
def serve(db: str, host: str, port: int, token_env: str, cors_origin: tuple[str, ...], published: str | None,
          feeds: tuple[str, ...], interval: float) -> None:
    """Serve the REST API and the web UI over the store at DB."""
    import uvicorn

    from dateline.api import ApiSettings, create_app

    token = _token(token_env)
    if token is None:
        click.echo(f"note: ${token_env} is not set, so POST /api/articles is refused (read-only server)",
                   err=True)
    settings = ApiSettings(db=Path(db), token=token, cors_origins=cors_origin, published=published,
                           feeds=feeds, feed_interval=interval)
    click.echo(f"dateline: http://{host}:{port}/ (store {db})", err=True)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")


@click.command()
@click.argument("feeds", nargs=-1, required=True)
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="DuckDB store file.")
@click.option("--interval", default=300.0, show_default=True, type=click.FloatRange(min=5),
              help="Seconds between polls.")
@click.option("--delay", default=1.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Seconds between two requests to the same host.")
@click.option("--once", is_flag=True, help="Poll once and exit.")
@click.option("--published", help="Publication date (YYYY-MM-DD) for pages whose feed gives none.")
def watch(feeds: tuple[str, ...], db: str, interval: float, delay: float, once: bool,
          published: str | None) -> None:
    """Watch RSS/Atom FEEDS and sitemaps; fetch new articles politely and ingest them into DB.

    DuckDB allows one writer per file: to watch feeds while serving the same
    store, use `dateline serve --feed URL` instead.
    """
    from dateline.api.db import Database
    from dateline.api.ingest import Ingestor, default_pipeline_factory
    from dateline.watch import Watcher, WatchSettings

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    database = Database(Path(db))
    try:
        ingestor = Ingestor(database, default_pipeline_factory(published))
        try:
            watcher = Watcher(WatchSettings(feeds=feeds, interval=interval, delay=delay),
                              sink=ingestor.ingest, state_db=database)
        except ValueError as exc:
            raise click.UsageError(str(exc)) from exc
        if once:
            report = watcher.poll_once()
            click.echo(json.dumps({**report.as_dict(), "articles_in_store": database.store.count()}))
        else:
            try:
                watcher.run()
            except KeyboardInterrupt:
                click.echo("stopped", err=True)
    finally:
        database.close()
