"""`cmp worker` serves GET /health, /ready and /metrics (WORKER_HEALTH_PORT): ready while its database
answers, 503 while it does not (the database taken away by cutting a proxy in front of it),
ready again once it is back — and the probe says nothing about why."""

from __future__ import annotations

import httpx

from cmp.serving import start_server
from kernel.database import Database
from kernel.readiness import health_app
from subgraphs.execution.metrics import WORKER_METRICS
from tests.support.tcp_proxy import database_proxy


async def test_the_worker_probe_follows_its_database(database_url: str) -> None:
    async with database_proxy(database_url) as proxy:
        db = Database(proxy.url_through(database_url), pool_size=1)
        server = await start_server(health_app("worker", db, lambda: WORKER_METRICS.render(db)))
        try:
            async with httpx.AsyncClient(base_url=server.url) as client:
                assert (await client.get("/health")).json() == {"status": "ok", "service": "worker"}
                assert (await client.get("/ready")).status_code == 200
                assert "cmp_run_queue_up 1.0" in (await client.get("/metrics")).text
                await proxy.cut()
                down = await client.get("/ready")
                assert (down.status_code, down.json()) == (
                    503,
                    {"status": "unavailable", "database": "unavailable"},
                )
                assert (await client.get("/health")).status_code == 200  # the process is fine
                # Metrics still answer (the run histograms), saying the queue is not known.
                metrics = await client.get("/metrics")
                assert metrics.status_code == 200 and "cmp_run_queue_up 0.0" in metrics.text
                await proxy.restore()
                assert (await client.get("/ready")).status_code == 200
        finally:
            await server.stop()
            await db.dispose()
