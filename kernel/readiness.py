"""Readiness that tells the truth: a process is ready when its database answers.

`/ready` runs `SELECT 1` with a short timeout (a hung connection is as bad as a refused one)
and says 200 or 503 — no addresses or error text, since the probe is reachable without a
credential. The run worker, which serves no GraphQL, gets the same probe from `health_app`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

if TYPE_CHECKING:  # the router imports `Check` from here without SQLAlchemy
    from kernel.database import Database

READY_TIMEOUT_SECONDS = 2.0
Check = Callable[[], Awaitable[bool]]


async def database_answers(db: Database, timeout_seconds: float = READY_TIMEOUT_SECONDS) -> bool:
    from sqlalchemy import text

    try:
        async with asyncio.timeout(timeout_seconds), db.session() as session:
            await session.execute(text("SELECT 1"))
    except Exception:  # any failure means "not ready"; the probe itself must never fail
        return False
    return True


async def readiness(checks: Mapping[str, Check]) -> Response:
    names = sorted(checks)
    results = await asyncio.gather(*(checks[name]() for name in names))
    report = {name: "ok" if ok else "unavailable" for name, ok in zip(names, results, strict=True)}
    ready = all(results)
    return JSONResponse(
        {"status": "ready" if ready else "unavailable", **report},
        status_code=200 if ready else 503,
    )


def health_app(
    name: str, db: Database, metrics: Callable[[], Awaitable[bytes]] | None = None
) -> Starlette:
    """/health (the process answers) and /ready (its database does), for the run worker;
    /metrics (Prometheus text) when `metrics` renders them."""

    async def health(_: Request) -> Response:
        return JSONResponse({"status": "ok", "service": name})

    async def ready(_: Request) -> Response:
        return await readiness({"database": lambda: database_answers(db)})

    async def metrics_page(_: Request) -> Response:
        assert metrics is not None
        return Response(await metrics(), media_type="text/plain; version=0.0.4; charset=utf-8")

    routes = [
        Route("/health", health, methods=["GET"]),
        Route("/ready", ready, methods=["GET"]),
    ]
    if metrics is not None:
        routes.append(Route("/metrics", metrics_page, methods=["GET"]))
    return Starlette(routes=routes)
