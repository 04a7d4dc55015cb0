"""A real `cmp worker` process stopped with SIGTERM: it finishes the run it holds within
WORKER_DRAIN_SECONDS; past that it hands the run back at once — attempt counted if the flow may
have started, given back (the run QUEUED again) if it certainly did not — so no run waits for a
lapsed lease. A second signal stops it without waiting. A worker configured for Langflow without
an API key refuses to start in one line, as does `cmp dev`."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import time
import uuid
from typing import Any

import pytest
from sqlalchemy import func, select

from cmp.serving import free_port
from kernel.settings import ExecutionSettings
from subgraphs.execution import models
from subgraphs.execution.worker import HAND_BACK_SECONDS
from tests.subgraphs.execution.conftest import CMP, ExecutionWorld, WorkerFactory, worker_process
from tests.support.kubernetes import OVERLAYS, kubectl, manifests


async def row(world: ExecutionWorld, run_id: str) -> models.Run:
    async with world.stack.execution_db.session() as session:
        found = await session.get(models.Run, uuid.UUID(run_id), populate_existing=True)
        assert found is not None
        return found


async def running_on(world: ExecutionWorld, run_id: str, process: subprocess.Popen[str]) -> None:
    """Wait until `process` holds the run."""
    deadline = time.monotonic() + 30
    while True:
        run = await row(world, run_id)
        if run.status == "RUNNING" and f":{process.pid}:" in (run.lease_owner or ""):
            return
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        assert time.monotonic() < deadline, f"the worker never took the run ({run.status})"
        await asyncio.sleep(0.02)


async def exited(process: subprocess.Popen[str], within: float) -> tuple[int, float]:
    started = time.monotonic()
    while process.poll() is None:
        if time.monotonic() - started > within:
            process.kill()
            raise AssertionError(f"the worker did not stop within {within} s")
        await asyncio.sleep(0.05)
    return process.returncode, time.monotonic() - started


async def sigterm_while_running(
    world: ExecutionWorld,
    run_id: str,
    worker: subprocess.Popen[str],
    within: float,
    after: float = 0.3,
    twice: bool = False,
) -> tuple[int, float]:
    """SIGTERM `worker` `after` seconds into holding the run (again at once when `twice`: no
    drain); its exit code and how long it took to exit. It never outlives the test."""
    try:
        await running_on(world, run_id, worker)
        await asyncio.sleep(after)
        worker.send_signal(signal.SIGTERM)
        if twice:
            await asyncio.sleep(0.05)
            worker.send_signal(signal.SIGTERM)
        return await exited(worker, within=within)
    finally:
        if worker.poll() is None:
            worker.kill()


def charges(wallet: dict[str, Any]) -> list[tuple[int, str]]:
    entries = [edge["node"] for edge in wallet["entries"]["edges"]]
    return [(e["amount"], e["reference"]) for e in entries if e["kind"] == "RUN_CHARGE"]


async def test_sigterm_lets_the_run_in_flight_finish(world: ExecutionWorld) -> None:
    tenant = await world.tenant(flow_id="stream-10-0.2", credits=100, credits_per_run=10)
    run = (await world.start(tenant, "finish me first"))["run"]
    worker = worker_process(world, WORKER_DRAIN_SECONDS="15")
    code, took = await sigterm_while_running(world, run["id"], worker, within=20)
    assert code == 0
    assert took > 0.5  # it waited for the flow (2 s in all) rather than dropping it
    # Finished by the stopping worker itself, in its one attempt, charged once.
    done = await world.wait_for(tenant, run["id"], "SUCCEEDED", timeout=10)
    assert done["output"]["text"] == "echo: finish me first"
    assert (await row(world, run["id"])).attempts == 1
    assert world.stack.fake_langflow.executions[run["id"]] == 1
    assert charges(await world.wallet(tenant)) == [(-10, run["id"])]


async def test_a_run_still_going_after_the_drain_is_handed_back_at_once(
    world: ExecutionWorld, workers: WorkerFactory
) -> None:
    tenant = await world.tenant(flow_id="slow-4", credits=100, credits_per_run=10)
    run = (await world.start(tenant, "too slow to wait for"))["run"]
    worker = worker_process(world, WORKER_DRAIN_SECONDS="0.5")
    code, took = await sigterm_while_running(world, run["id"], worker, within=15)
    assert code == 0 and took < 0.5 + HAND_BACK_SECONDS
    # The flow had started: the attempt counts, but the lease is released now, not in 30 s.
    handed = await row(world, run["id"])
    assert (handed.status, handed.lease_owner, handed.attempts) == ("RUNNING", None, 1)
    async with world.stack.execution_db.session() as session:
        lapsed = await session.scalar(
            select(models.Run.lease_expires_at <= func.now()).where(
                models.Run.id == uuid.UUID(run["id"])
            )
        )
    assert handed.lease_expires_at is not None and lapsed
    assert handed.output is None

    taken_at = time.monotonic()
    await workers(concurrency=1, run_lease_seconds=30)
    done = await world.wait_for(tenant, run["id"], "SUCCEEDED", timeout=20)
    assert time.monotonic() - taken_at < 15  # the 4 s flow, not a 30 s lease first
    assert (await row(world, run["id"])).attempts == 2
    # Like a worker's death: the abandoned call may have run its flow too, but the run is
    # charged once.
    assert world.stack.fake_langflow.executions[run["id"]] == 2
    assert done["creditsCharged"] == 10
    assert charges(await world.wallet(tenant)) == [(-10, run["id"])]


async def test_a_run_whose_flow_never_started_is_queued_again_without_its_attempt(
    world: ExecutionWorld, workers: WorkerFactory
) -> None:
    tenant = await world.tenant(flow_id="echo", credits=100, credits_per_run=10)
    run = (await world.start(tenant, "never reached Langflow"))["run"]
    # Langflow unreachable: calls at 0 s, 0.5 s and 1.5 s, backing off in between. One attempt
    # only: were this attempt counted, the run could never be tried again.
    worker = worker_process(
        world,
        LANGFLOW_URL=f"http://127.0.0.1:{free_port()}",
        RUN_MAX_ATTEMPTS="1",
        WORKER_DRAIN_SECONDS="30",
    )
    # 0.8 s in: backing off between the second and third call; a second signal: no 30 s drain.
    code, took = await sigterm_while_running(
        world, run["id"], worker, within=15, after=0.8, twice=True
    )
    assert code == 0 and took < HAND_BACK_SECONDS
    queued = await row(world, run["id"])
    assert (queued.status, queued.attempts, queued.lease_owner) == ("QUEUED", 0, None)
    assert queued.started_at is None and queued.lease_expires_at is None
    assert world.stack.fake_langflow.executions[run["id"]] == 0

    await workers(concurrency=1, run_max_attempts=1)
    done = await world.wait_for(tenant, run["id"], "SUCCEEDED", timeout=20)
    assert done["output"]["text"] == "echo: never reached Langflow"
    assert (await row(world, run["id"])).attempts == 1
    assert charges(await world.wallet(tenant)) == [(-10, run["id"])]


@pytest.mark.skipif(kubectl() is None, reason="kubectl renders the overlays")
@pytest.mark.parametrize("overlay", OVERLAYS)
def test_the_drain_ends_well_inside_the_workers_grace_period(overlay: str) -> None:
    rendered = manifests(overlay)
    pod = rendered.pod_spec("Deployment", "worker")
    env = rendered.environment(pod["containers"][0])
    default = ExecutionSettings.model_fields["worker_drain_seconds"].default
    drain = float(env.get("WORKER_DRAIN_SECONDS", default))
    # Draining, then handing back what is left, then closing — before Kubernetes' SIGKILL.
    assert drain + HAND_BACK_SECONDS + 2 < pod["terminationGracePeriodSeconds"]


@pytest.mark.parametrize("command", [[CMP, "worker"], [CMP, "dev", "--port", "0"]])
def test_langflow_without_an_api_key_is_one_clear_line(command: list[str]) -> None:
    environment = {
        **os.environ,
        "DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none",
        "LANGFLOW_URL": "http://127.0.0.1:7860",
        "LANGFLOW_API_KEY": "",
    }
    finished = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=60)
    assert finished.returncode == 2
    lines = finished.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in finished.stderr, finished.stderr
    assert "LANGFLOW_URL is set but LANGFLOW_API_KEY is empty" in lines[0]
