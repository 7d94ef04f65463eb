"""The map step: run the :class:`Pipeline` on one partition inside a Dask worker.

Loading the pipeline (spaCy model, actor knowledge base, gazetteer) takes a
second or two, so each worker process loads it once: :func:`pipeline_for`
keeps one per settings per process (a cache of loaded resources, the only
module state), and :class:`PipelineLoader`, a worker plugin, fills that cache
when a worker joins so the first task does not pay for it.

A task reads its partition, skips articles the store already holds (a
sorted array of content keys the client broadcasts), writes the records as
Parquet with deterministic names and then the completion marker.  It
returns only a small :class:`PartitionResult`: the data never passes through
the scheduler.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
from distributed.diagnostics.plugin import WorkerPlugin

from dateline.pipeline import Pipeline, Settings
from dateline.records import ArticleRecord
from dateline.scale.output import OutputDir, PartitionResult
from dateline.scale.partitions import Partition, read_partition

_PIPELINES: dict[Settings, Pipeline] = {}  # loaded resources, one per settings, per worker process
_LOCK = threading.Lock()  # one pipeline run at a time per process (a worker may have several threads)


def pipeline_for(settings: Settings) -> Pipeline:
    """This process's pipeline for ``settings``, loaded on first use."""
    with _LOCK:
        pipeline = _PIPELINES.get(settings)
        if pipeline is None:
            pipeline = _PIPELINES[settings] = Pipeline(settings)
        return pipeline


class PipelineLoader(WorkerPlugin):
    """Dask worker plugin: load the pipeline as soon as a worker starts (or joins later)."""

    name = "dateline-pipeline"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def setup(self, worker: Any) -> None:  # noqa: ARG002 - Dask calls setup(worker=...)
        pipeline_for(self.settings)


@dataclass(frozen=True, slots=True)
class KnownKeys:
    """Content keys already in the store, as a sorted array of 16-byte digests (compact to broadcast)."""

    digests: np.ndarray

    @classmethod
    def from_hex(cls, keys: list[str]) -> KnownKeys:
        digests = np.array([bytes.fromhex(k) for k in keys if len(k) == 32], dtype="S16")
        digests.sort()
        return cls(digests)

    def __contains__(self, key: str) -> bool:
        if len(key) != 32 or not len(self.digests):
            return False
        probe = np.array(bytes.fromhex(key), dtype="S16")
        i = int(np.searchsorted(self.digests, probe))
        return i < len(self.digests) and self.digests[i] == probe

    def __len__(self) -> int:
        return len(self.digests)


def process_partition(part: Partition, settings: Settings, output: str,
                      known: KnownKeys | None = None) -> PartitionResult:
    """Extract one partition into Parquet files plus a completion marker (idempotent)."""
    start = time.perf_counter()
    pipeline = pipeline_for(settings)
    n_items = n_known = 0

    def is_known(key: str) -> bool:
        nonlocal n_known
        hit = known is not None and key in known
        n_known += hit
        return hit

    def counted() -> Any:
        nonlocal n_items
        for item in read_partition(part):
            n_items += 1
            yield item

    with _LOCK:
        records: list[ArticleRecord] = list(pipeline.pipe(counted(), known=is_known))
    rejections: dict[str, int] = {}
    for rec in records:
        if rec.status == "rejected":
            reason = rec.reason or "unknown"
            rejections[reason] = rejections.get(reason, 0) + 1
    out = OutputDir(output)
    files = out.write_partition(part.pid, records)
    result = PartitionResult(part.pid, n_items, len(records), n_known, rejections, files,
                             round(time.perf_counter() - start, 3), f"{os.uname().nodename}:{os.getpid()}")
    out.mark_done(result)
    return result
