"""``python -m dateline.scale INPUTS --db FILE [--workers N | --scheduler tcp://HOST:PORT]``.

The same as ``dateline ingest --workers/--scheduler``; kept so the scale
layer can be driven (and tested as a separate client process) on its own.
Prints the summary as one JSON line on stdout; exit 1 if anything was
rejected or a partition failed, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys

from dateline.errors import UsageError
from dateline.scale.ingest import ingest_distributed
from dateline.scale.partitions import DEFAULT_PARTITION_SIZE


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m dateline.scale", description=__doc__.splitlines()[0])
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--db", required=True)
    ap.add_argument("--workers", type=int)
    ap.add_argument("--scheduler")
    ap.add_argument("--published")
    ap.add_argument("--actors", action="append", default=[])
    ap.add_argument("--output")
    ap.add_argument("--partition-size", type=int, default=DEFAULT_PARTITION_SIZE)
    ap.add_argument("--quiet", action="store_true", help="no progress line")
    args = ap.parse_args(argv)
    try:
        summary = ingest_distributed(args.inputs, args.db, workers=args.workers, scheduler=args.scheduler,
                                     published=args.published, actors=args.actors, output=args.output,
                                     partition_size=args.partition_size,
                                     progress=None if args.quiet else sys.stderr)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(summary.to_dict()))
    return 0 if summary.complete else 1


if __name__ == "__main__":
    sys.exit(main())
