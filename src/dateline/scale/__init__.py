"""Corpus scale on Dask: partitioned, exactly-once, resumable ingest into the store.

    from dateline.scale import ingest_distributed
    summary = ingest_distributed(["corpus/"], "store.duckdb", workers=2)

See docs/SCALE.md for running on a cluster and for the throughput plan.
"""

from dateline.scale.ingest import IngestSummary, default_output, ingest_distributed
from dateline.scale.partitions import Partition, plan_partitions

__all__ = ["IngestSummary", "Partition", "default_output", "ingest_distributed", "plan_partitions"]
