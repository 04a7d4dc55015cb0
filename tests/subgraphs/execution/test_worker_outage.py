"""A worker whose PostgreSQL goes away (a proxy in front of the shared server is cut) backs off
and logs one line when the outage starts and one when it ends — it used to log a stack trace
per slot per poll — and then runs what was queued meanwhile."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.conftest import WorkerFactory
from tests.subgraphs.execution.conftest import ExecutionWorld
from tests.support.tcp_proxy import TcpProxy, database_proxy

OUTAGE_SECONDS = 3.0
POLL_SECONDS = 0.05


@pytest.fixture
async def proxy(database_url: str) -> AsyncIterator[TcpProxy]:
    async with database_proxy(database_url) as proxy:
        yield proxy


def outage_lines(caplog: pytest.LogCaptureFixture, name: str) -> list[logging.LogRecord]:
    """What this worker said about its database (and any stack trace it logged)."""
    return [
        r
        for r in caplog.records
        if r.name == "subgraphs.execution.worker"
        and (r.exc_info is not None or (name in r.getMessage() and "database" in r.getMessage()))
    ]


async def test_a_worker_rides_out_a_database_outage_quietly(
    world: ExecutionWorld,
    workers: WorkerFactory,
    proxy: TcpProxy,
    database_url: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    tenant = await world.tenant()
    worker = await workers(
        concurrency=4,
        database_url=proxy.url_through(database_url),
        worker_poll_seconds=POLL_SECONDS,
    )
    attempts = 0
    claim = worker.run_one

    async def counted() -> bool:
        nonlocal attempts
        attempts += 1
        return await claim()

    worker.run_one = counted  # type: ignore[method-assign]
    caplog.set_level(logging.INFO, logger="subgraphs.execution.worker")
    await asyncio.sleep(0.5)  # polling happily
    await proxy.cut()
    attempts = 0
    await asyncio.sleep(OUTAGE_SECONDS)
    during = attempts
    lines = outage_lines(caplog, worker.name)
    assert len(lines) == 1, [r.getMessage() for r in lines]
    assert "database unavailable" in lines[0].getMessage()
    assert lines[0].exc_info is None
    # Polling every 0.05 s, 4 slots would have tried ~240 times; backing off, a few dozen.
    assert during < 4 * (OUTAGE_SECONDS / 0.5 + 2)

    started: dict[str, Any] = await world.start(tenant, "after the outage")  # queued meanwhile
    assert started["errors"] == []
    await proxy.restore()
    run = await world.wait_for(tenant, started["run"]["id"], "SUCCEEDED", timeout=30)
    assert run["output"] is not None
    lines = outage_lines(caplog, worker.name)
    messages = [r.getMessage() for r in lines]
    assert len(messages) == 2, messages
    assert "database unavailable" in messages[0]
    assert "database available again after" in messages[1]
    assert all(r.exc_info is None for r in lines)


async def test_a_worker_listens_again_after_its_database_comes_back(
    world: ExecutionWorld, workers: WorkerFactory, proxy: TcpProxy, database_url: str
) -> None:
    """runStart's NOTIFY is how an idle worker hears of new runs (its poll here is a minute
    away): after an outage cuts its LISTEN connection, the worker must listen again, or
    every run waits for the next poll."""
    tenant = await world.tenant()
    await workers(database_url=proxy.url_through(database_url), worker_poll_seconds=60.0)
    await asyncio.sleep(1.0)  # the worker's first poll is done; from now on only NOTIFY wakes it
    before = await world.start(tenant, "before the outage")
    await world.wait_for(tenant, before["run"]["id"], "SUCCEEDED", timeout=20)

    await proxy.cut()
    await asyncio.sleep(1.5)
    await proxy.restore()
    await asyncio.sleep(4.0)  # the listener retries every second; the slots settle back to idle

    after = await world.start(tenant, "after the outage")
    assert after["errors"] == []
    run = await world.wait_for(tenant, after["run"]["id"], "SUCCEEDED", timeout=20)
    assert run["output"] is not None
