"""The run worker's Prometheus metrics, on its probe server's /metrics (WORKER_HEALTH_PORT):
how long runs waited in the queue and ran, by outcome, and — read from the runs table at scrape
time, so every worker reports the same queue — how many runs are queued or running and how old
the oldest queued one is."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from prometheus_client import CollectorRegistry, Gauge, Histogram, generate_latest
from prometheus_client.core import Metric
from prometheus_client.registry import Collector

from kernel.metrics import MetricsSource

if TYPE_CHECKING:
    from kernel.database import Database
    from subgraphs.execution import models

# Runs last seconds to minutes (a model's answer), queues from milliseconds to minutes.
_RUN_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600)


class WorkerMetrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.queue_wait = Histogram(
            "cmp_run_queue_wait_seconds",
            "Time from runStart (or a lapsed lease) to a worker claiming the run",
            buckets=_RUN_BUCKETS,
            registry=self.registry,
        )
        self.duration = Histogram(
            "cmp_run_duration_seconds",
            "Time a run's flow took, by final status",
            ["status"],
            buckets=_RUN_BUCKETS,
            registry=self.registry,
        )
        self.depth = Gauge(
            "cmp_run_queue_depth",
            "Runs waiting (QUEUED) or being worked on (RUNNING), from the runs table",
            ["status"],
            registry=self.registry,
        )
        self.oldest = Gauge(
            "cmp_run_oldest_queued_seconds",
            "Age of the oldest QUEUED run (0 when none)",
            registry=self.registry,
        )
        self.up = Gauge(
            "cmp_run_queue_up",
            "1 when the runs table answered the last scrape (the queue figures are from then)",
            registry=self.registry,
        )

    def claimed(self, run: models.Run) -> None:
        waited = datetime.now(UTC) - run.created_at if run.attempts <= 1 else None
        if waited is not None:
            self.queue_wait.observe(max(waited.total_seconds(), 0.0))

    def finished(self, run: models.Run) -> None:
        seconds = (run.duration_ms or 0) / 1000
        self.duration.labels(run.status).observe(seconds)

    async def refresh(self, db: Database) -> None:
        from sqlalchemy import func, select

        from subgraphs.execution import models

        try:
            async with db.session() as session:
                rows = (
                    await session.execute(
                        select(models.Run.status, func.count(), func.min(models.Run.created_at))
                        .where(models.Run.status.in_(("QUEUED", "RUNNING")))
                        .group_by(models.Run.status)
                    )
                ).all()
        except Exception:  # the database is down: the scrape still answers, saying so
            self.up.set(0)
            return
        self.up.set(1)
        found = {status: (count, oldest) for status, count, oldest in rows}
        for status in ("QUEUED", "RUNNING"):
            self.depth.labels(status).set(found.get(status, (0, None))[0])
        oldest = found.get("QUEUED", (0, None))[1]
        self.oldest.set((datetime.now(UTC) - oldest).total_seconds() if oldest else 0.0)

    def source(self, database: Callable[[], Database]) -> MetricsSource:
        """These figures on another /metrics page of the same process: `cmp dev` runs the worker
        inside the execution app, and its router's /metrics shows them. `database` is asked at
        each scrape (the execution app opens its pool when it starts)."""

        async def refresh() -> None:
            await self.refresh(database())

        return MetricsSource(_Registered(self.registry), refresh)

    async def render(self, db: Database) -> bytes:
        await self.refresh(db)
        return generate_latest(self.registry)


class _Registered(Collector):
    """A registry's metrics, as one collector of another registry."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self.registry = registry

    def collect(self) -> Iterable[Metric]:
        return self.registry.collect()


# One per process: every worker of the process (tests run several) adds to the same figures.
WORKER_METRICS = WorkerMetrics()
