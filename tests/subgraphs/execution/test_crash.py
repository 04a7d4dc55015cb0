"""A worker process killed with SIGKILL mid-run: another worker retries the run once the
lease lapses, and the run is charged exactly once."""

from __future__ import annotations

import asyncio
import signal
import uuid

from sqlalchemy import select

from subgraphs.execution import models
from tests.subgraphs.execution.conftest import ExecutionWorld, WorkerFactory, worker_process


async def lease_owner(world: ExecutionWorld, run_id: str) -> str | None:
    async with world.stack.execution_db.session() as session:
        owner: str | None = await session.scalar(
            select(models.Run.lease_owner).where(models.Run.id == uuid.UUID(run_id))
        )
        return owner


async def test_killed_worker_run_is_retried_and_charged_once(
    world: ExecutionWorld, workers: WorkerFactory
) -> None:
    tenant = await world.tenant(flow_id="slow-1.5", credits=100, credits_per_run=25)
    run = (await world.start(tenant))["run"]
    doomed = worker_process(world, RUN_LEASE_SECONDS="1")
    try:
        await world.wait_for(tenant, run["id"], "RUNNING", settled=False, timeout=30)
        owner = await lease_owner(world, run["id"])
        assert owner is not None and f":{doomed.pid}:" in owner
        await asyncio.sleep(0.3)  # mid-run: the fake runtime answers after 1.5 s
    finally:
        doomed.send_signal(signal.SIGKILL)
        doomed.wait(timeout=10)

    await workers(concurrency=1, run_lease_seconds=1.0)
    done = await world.wait_for(tenant, run["id"], "SUCCEEDED", timeout=30)
    assert done["creditsCharged"] == 25
    async with world.stack.execution_db.session() as session:
        attempts = await session.scalar(
            select(models.Run.attempts).where(models.Run.id == uuid.UUID(run["id"]))
        )
    assert attempts == 2
    wallet = await world.wallet(tenant)
    charges = [e["node"] for e in wallet["entries"]["edges"] if e["node"]["kind"] == "RUN_CHARGE"]
    assert [(c["amount"], c["reference"]) for c in charges] == [(-25, run["id"])]
    assert (wallet["balance"], wallet["reserved"]) == (75, 0)
