"""The ``dateline`` command line: thin wrappers over library functions.

Exit codes: 0 all inputs accepted; 1 some inputs were rejected (their
records say why; the rest went through; also on a rerun whose inputs are
rejected again); 2 usage errors; 3 an environment or store failure (locked,
corrupt, read-only, disk full, an export that cannot be written); 4 an
internal error (a bug).  Failures print one line that says what to do; the
traceback only with the global ``--debug``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from dateline import __version__
from dateline.errors import StoreError, UsageError, describe_failure
from dateline.records import ArticleRecord

if TYPE_CHECKING:
    from dateline.ingest.service import IngestSummary

EXIT_REJECTED = 1
EXIT_USAGE = 2
EXIT_ENVIRONMENT = 3
EXIT_INTERNAL = 4


class _Main(click.Group):
    """The command group: turns failures into one-line messages and exit codes (docs/RELIABILITY.md)."""

    def invoke(self, ctx: click.Context) -> Any:
        import duckdb

        debug = bool(ctx.params.get("debug"))
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except UsageError as exc:
            if debug:
                raise
            raise click.UsageError(str(exc), ctx) from exc
        except (StoreError, duckdb.Error, OSError) as exc:
            if debug:
                raise
            if isinstance(exc, BrokenPipeError):
                sys.exit(EXIT_ENVIRONMENT)
            click.echo(f"error: {describe_failure(exc, 'the store' if not isinstance(exc, OSError) else 'output')}"
                       " (rerun with --debug for the traceback)", err=True)
            sys.exit(EXIT_ENVIRONMENT)
        except Exception as exc:  # noqa: BLE001 - a bug: one line, the traceback only with --debug
            if debug:
                raise
            click.echo(f"internal error: {type(exc).__name__}: {exc} (a bug; rerun with --debug and report "
                       "the traceback)", err=True)
            sys.exit(EXIT_INTERNAL)


def _pipeline(published: str | None, actors: tuple[str, ...] = (), model: str | None = None) -> Any:
    from dateline.pipeline import Pipeline, Settings

    return Pipeline(Settings(published=published, actor_files=tuple(Path(a) for a in actors),
                             events_model=Path(model) if model else None))


def _items(inputs: tuple[str, ...]) -> Iterator[Any]:
    from dateline.ingest.sources import read_inputs

    try:
        yield from read_inputs(inputs)
    except UsageError as exc:
        raise click.UsageError(str(exc)) from exc


def _check_date(value: str | None) -> str | None:
    if value is None:
        return None
    from dateline.ingest.prepare import parse_published

    iso, _ = parse_published(value)
    if iso is None:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD", param_hint="--published")
    return iso


def _report_rejection(rec: ArticleRecord) -> None:
    click.echo(f"rejected: {rec.origin}: {rec.error} [{rec.stage}/{rec.reason}]", err=True)


@click.group(cls=_Main)
@click.version_option(__version__, prog_name="dateline")
@click.option("--debug", is_flag=True, help="Show tracebacks of failures (otherwise one line each).")
def main(debug: bool) -> None:
    """dateline: structured, sourced event data from news reports.

    Exit codes: 0 all accepted, 1 some inputs rejected, 2 usage error, 3 environment or
    store failure (locked, corrupt, read-only, disk full), 4 internal error.
    """


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--published", help="Publication date (YYYY-MM-DD) for inputs that carry none.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json"]), default="jsonl", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here instead of stdout.")
@click.option("--actors", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra actor dictionary (YAML/CSV); repeatable.")
@click.option("--model", type=click.Path(exists=True, file_okay=False),
              help="ACLED event-type model folder (`dateline train events -o DIR`); default: shipped.")
def extract(inputs: tuple[str, ...], published: str | None, fmt: str, output: str | None,
            actors: tuple[str, ...], model: str | None) -> None:
    """Extract events, quotes, actors, places and times from INPUTS (files, folders, or - for stdin)."""
    pipeline = _pipeline(_check_date(published), actors, model)
    out = open(output, "w", encoding="utf-8") if output else sys.stdout
    n_rejected = 0
    records: list[dict[str, Any]] = []
    try:
        for rec in pipeline.pipe(_items(inputs)):
            if rec.status == "rejected":
                n_rejected += 1
                _report_rejection(rec)
            if fmt == "jsonl":
                out.write(json.dumps(rec.to_dict(), ensure_ascii=False) + "\n")
                out.flush()
            else:
                records.append(rec.to_dict())
        if fmt == "json":
            out.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    finally:
        if output:
            out.close()
    if n_rejected:
        sys.exit(EXIT_REJECTED)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="DuckDB store file.")
@click.option("--published", help="Publication date (YYYY-MM-DD) for inputs that carry none.")
@click.option("--actors", multiple=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--workers", type=click.IntRange(min=1),
              help="Run on a local Dask cluster of N worker processes (docs/SCALE.md).")
@click.option("--scheduler", metavar="tcp://HOST:PORT", help="Run on a running Dask cluster.")
@click.option("--parts", help="Folder or URL for partition Parquet files (default DB.parts; "
                              "must be shared with the workers).")
@click.option("--partition-size", type=click.IntRange(min=1), default=128, show_default=True,
              help="Articles per Dask task.")
def ingest(inputs: tuple[str, ...], db: str, published: str | None, actors: tuple[str, ...],
           workers: int | None, scheduler: str | None, parts: str | None, partition_size: int) -> None:
    """Extract INPUTS into the store (idempotent, resumable: known articles are skipped).

    With --workers or --scheduler the same pipeline runs on Dask, writing partitioned
    Parquet by publication date and loading it into the store exactly once.
    """
    from dateline.ingest.service import ArticleOutcome, ingest_articles
    from dateline.store import Store

    published = _check_date(published)
    summary: IngestSummary
    if workers is not None or scheduler is not None:
        from dateline.scale import ingest_distributed

        try:
            summary = ingest_distributed(inputs, db, workers=workers, scheduler=scheduler, published=published,
                                         actors=actors, output=parts, partition_size=partition_size)
        except UsageError as exc:
            raise click.UsageError(str(exc)) from exc
    else:
        def report(outcome: ArticleOutcome) -> None:
            if outcome.status == "rejected":
                click.echo(f"rejected: {outcome.origin}: {outcome.error} [{outcome.stage}/{outcome.reason}]",
                           err=True)

        with Store(db) as store:  # opened first: a locked or corrupt store fails before the model loads
            summary = ingest_articles(_items(inputs), store, _pipeline(published, actors), on_outcome=report)
    click.echo(json.dumps(summary.to_dict()))
    sys.exit(_exit_code(summary))


def _exit_code(summary: IngestSummary) -> int:
    """The exit code of an ingest (docs/RELIABILITY.md): 1 when any input was rejected (on a
    rerun too), refused by the store, or in a failed partition; else 0."""
    return 0 if summary.complete else EXIT_REJECTED


@main.command("export")
@click.option("--db", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl",
              show_default=True)
@click.option("-o", "--output", help="Output file (required for parquet; default stdout).")
@click.option("--raw-formulas", is_flag=True,
              help="CSV: keep cells that start with = + - @ as they are (default: prefixed with ' so "
                   "spreadsheets do not run them as formulas).")
def export_cmd(db: str, fmt: str, output: str | None, raw_formulas: bool) -> None:
    """Export the store as JSONL records, ACLED-style CSV events, or Parquet events."""
    from dateline.export import export
    from dateline.store import Store

    with Store(db, read_only=True) as store:
        try:
            n = export(store, fmt, output, raw_formulas=raw_formulas)
        except UsageError as exc:
            raise click.UsageError(str(exc)) from exc
    click.echo(f"exported {n} {'records' if fmt == 'jsonl' else 'events'}", err=True)


@main.command()
@click.argument("inputs", nargs=-1)
@click.option("--db", type=click.Path(exists=True, dir_okay=False), help="Brief from a store instead of INPUTS.")
@click.option("--story", help="Story id (see `dateline brief --format json`).")
@click.option("--published", help="Publication date (YYYY-MM-DD) for inputs that carry none.")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "json"]), default="md", show_default=True)
@click.option("--title", help="Heading of the brief (replaces the story's own title).")
def brief(inputs: tuple[str, ...], db: str | None, story: str | None, published: str | None,
          fmt: str, title: str | None) -> None:
    """Print a "What we know" brief for INPUTS (or a store), every line citing its sentence."""
    from dateline.stories import brief_from_records

    if db:
        from dateline.store import Store

        with Store(db, read_only=True) as store:
            records = list(store.records())
    elif inputs:
        pipeline = _pipeline(_check_date(published))
        records = list(pipeline.pipe(_items(inputs)))
    else:
        raise click.UsageError("give INPUTS or --db PATH")
    try:
        text = brief_from_records(records, fmt=fmt, story=story, title=title)
    except LookupError as exc:
        raise click.BadParameter(f"{exc.args[0]}; list the story ids with `dateline brief ... --format json`",
                                 param_hint="--story") from exc
    click.echo(text, nl=False)


@main.command("eval")
@click.argument("name")
@click.option("--data", required=True, type=click.Path(exists=True), help="Path to the gold data set.")
@click.option("--limit", type=int, help="Only the first N documents (quick checks).")
@click.option("--split", type=click.Choice(["all", "dev", "heldout"]), default=None,
              help="acled: which rows of the export (default all; dev/held-out by a hash of event_id_cnty).")
def eval_cmd(name: str, data: str, limit: int | None, split: str | None) -> None:
    """Score dateline on a gold data set; prints one JSON object on the last line."""
    from dateline.eval import EVALUATORS, run_evaluation

    if name not in EVALUATORS:
        raise click.UsageError(f"unknown data set {name!r}; choose one of {', '.join(sorted(EVALUATORS))}")
    report = run_evaluation(name, data, limit, **({"split": split} if split else {}))
    click.echo(json.dumps(report, ensure_ascii=False))


@main.group()
def train() -> None:
    """Train dateline's learned components on your own data."""


@train.command("events")
@click.option("--data", "data", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="An ACLED export CSV (notes, sub_event_type), a UCDP GED CSV or folder, or JSONL "
                   "like training/events/corpus; repeatable. Default: ../shared/train/ucdp-ged-syria.")
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Model folder to write (meta.json, vocab.json, weights.npy, bias.npy).")
@click.option("--corpus", type=click.Path(path_type=Path), default="training/events/corpus",
              show_default=True, help="The team's labelled corpus (always included unless --no-corpus).")
@click.option("--no-corpus", is_flag=True, help="Train on --data only.")
@click.option("--skip-held-out", is_flag=True,
              help="Leave out the ACLED rows of the held-out fifth (dateline.eval.acled_split).")
def train_events(data: tuple[Path, ...], output: Path, corpus: Path, no_corpus: bool,
                 skip_held_out: bool) -> None:
    """Train the ACLED event-type model; `dateline extract --model DIR` uses it.

    With no --data this rebuilds the shipped model, byte for byte, from the committed corpus and
    ../shared/train/ucdp-ged-syria (run it from the repository root).
    """
    from dateline.extract.events.training import run

    try:
        summary = run(list(data), output, None if no_corpus else corpus, skip_held_out=skip_held_out)
    except (ValueError, FileNotFoundError) as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(json.dumps(summary))


def _add_server_commands() -> None:
    from dateline.api.cli import serve, watch

    main.add_command(serve)
    main.add_command(watch)


_add_server_commands()

if __name__ == "__main__":  # pragma: no cover
    main()
