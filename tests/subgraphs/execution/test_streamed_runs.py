"""Streamed output through the router: a `runUpdated` subscriber watches a RUNNING run's output
grow as Langflow streams it, then the final output — the one the non-streaming call gives — and
one charge. Writes are throttled however fast the tokens come. A stream broken mid-way fails the
run without running the flow again. The local development runtime streams too."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import pytest
from sqlalchemy import select

from subgraphs.execution import models
from subgraphs.execution.partial_output import PartialOutputWriter
from subgraphs.execution.run_events import RUN_UPDATED_CHANNEL
from subgraphs.execution.runtimes.langflow import LangflowRuntime
from subgraphs.execution.services import build_runtime, build_services
from subgraphs.execution.worker import Worker
from tests.conftest import Stack
from tests.fakes.langflow.app import API_KEY
from tests.subgraphs.execution.conftest import (
    ExecutionWorld,
    WorkerFactory,
)
from tests.subgraphs.execution.test_run_updated import _sse as watch


def updates(events: list[tuple[str, Any]]) -> list[dict[str, Any]]:
    assert events[-1] == ("complete", None), events[-1]
    return [data["data"]["runUpdated"] for kind, data in events if kind == "next"]


def charges(wallet: dict[str, Any]) -> list[tuple[int, str]]:
    entries = [edge["node"] for edge in wallet["entries"]["edges"]]
    return [(e["amount"], e["reference"]) for e in entries if e["kind"] == "RUN_CHARGE"]


async def attempts(world: ExecutionWorld, run_id: str) -> int:
    async with world.stack.execution_db.session() as session:
        count = await session.scalar(
            select(models.Run.attempts).where(models.Run.id == uuid.UUID(run_id))
        )
    return int(count or 0)


async def test_a_subscriber_watches_the_output_grow_then_the_final_output(
    world: ExecutionWorld, workers: WorkerFactory
) -> None:
    tenant = await world.tenant(flow_id="stream-10-0.15", credits=100, credits_per_run=10)
    run = (await world.start(tenant, "every token of this answer counts"))["run"]
    watching = asyncio.create_task(watch(world, tenant.owner.token, run["id"]))
    await asyncio.sleep(0.3)  # subscribed while QUEUED
    await workers(run_progress_seconds=0.1)
    payloads = updates(await asyncio.wait_for(watching, 60))

    answer = "echo: every token of this answer counts"
    running = [p["output"] for p in payloads if p["status"] == "RUNNING" and p["output"]]
    # Several partial outputs, each longer than the last, all before the end.
    assert len(running) >= 3, payloads
    assert all(output["partial"] is True for output in running)
    texts = [output["text"] for output in running]
    assert all(answer.startswith(text) for text in texts)
    assert all(len(a) < len(b) for a, b in itertools.pairwise(texts))
    statuses = [p["status"] for p in payloads]
    assert statuses.index("SUCCEEDED") > max(i for i, s in enumerate(statuses) if s == "RUNNING")

    final = payloads[-1]
    assert final["status"] == "SUCCEEDED" and final["creditsCharged"] == 10
    # The final output is the non-streaming call's, to the letter (its session aside).
    quiet = LangflowRuntime(world.stack.langflow.url, API_KEY, stream=False)
    session = str(uuid.uuid4())
    whole = await quiet.run("stream-10-0.15", {"input_value": run["input"]["input_value"]}, session)
    await quiet.aclose()
    assert final["output"] == {**whole.output, "sessionId": run["id"]}
    assert "partial" not in final["output"] and final["output"]["text"] == answer
    # Charged once; the flow ran once.
    assert charges(await world.wallet(tenant)) == [(-10, run["id"])]
    assert world.stack.fake_langflow.executions[run["id"]] == 1
    assert await attempts(world, run["id"]) == 1


@contextlib.asynccontextmanager
async def notifications(stack: Stack, run_id: str) -> AsyncIterator[list[str]]:
    """Every row change of the run, as PostgreSQL's trigger announces it."""
    heard: list[str] = []
    connection = await asyncpg.connect(stack.execution_settings.database_url)
    await connection.add_listener(
        RUN_UPDATED_CHANNEL, lambda *args: heard.append(args[3]) if args[3] == run_id else None
    )
    try:
        yield heard
    finally:
        await connection.close()


async def test_a_fast_stream_writes_the_run_a_few_times_a_second(
    world: ExecutionWorld, workers: WorkerFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes: list[str] = []
    write = PartialOutputWriter._write

    async def counted(self: PartialOutputWriter, text: str) -> bool:
        writes.append(text)
        return await write(self, text)

    monkeypatch.setattr(PartialOutputWriter, "_write", counted)
    tenant = await world.tenant(flow_id="stream-100-0.02", credits=100, credits_per_run=10)
    text = " ".join(f"word{n}" for n in range(40))  # long enough for 100 tokens
    run = (await world.start(tenant, text))["run"]
    async with notifications(world.stack, run["id"]) as heard:
        started = time.monotonic()
        await workers(concurrency=2, run_progress_seconds=0.25, run_lease_seconds=30)
        done = await world.wait_for(tenant, run["id"], "SUCCEEDED", timeout=30)
        took = time.monotonic() - started
        await asyncio.sleep(0.2)
    assert done["output"]["text"] == f"echo: {text}"
    # 100 tokens in about 2 s: a write per 0.25 s at most, each the latest text, growing.
    assert 3 <= len(writes) <= took / 0.25 + 1, (len(writes), took)
    assert all(b.startswith(a) and a != b for a, b in itertools.pairwise(writes))
    # Every other change of the row: claim, finish, settlement and a few more.
    assert len(heard) <= len(writes) + 6, (len(heard), len(writes))


async def test_a_stream_broken_mid_way_fails_the_run_without_running_it_again(
    world: ExecutionWorld, workers: WorkerFactory
) -> None:
    tenant = await world.tenant(flow_id="broken-4", credits=40, credits_per_run=10)
    run = (await world.start(tenant, "cut me off"))["run"]
    await workers(concurrency=2, attempts=3, run_lease_seconds=0.3, run_max_attempts=3)
    failed = await world.wait_for(tenant, run["id"], "FAILED")
    assert failed["error"].startswith("the connection to Langflow broke during the call")
    assert failed["output"] is None and failed["creditsCharged"] == 0
    await asyncio.sleep(1.0)  # several lapsed leases: time for any wrongful retry
    fake = world.stack.fake_langflow
    assert fake.executions[run["id"]] == 1 and fake.streamed.count(run["id"]) == 1
    assert await attempts(world, run["id"]) == 1
    wallet = await world.wallet(tenant)
    assert (wallet["balance"], wallet["reserved"]) == (40, 0) and charges(wallet) == []


async def test_a_cancelled_run_keeps_no_partial_output(
    world: ExecutionWorld, workers: WorkerFactory
) -> None:
    tenant = await world.tenant(flow_id="stream-40-0.1", credits=40, credits_per_run=10)
    text = " ".join(f"word{n}" for n in range(20))
    run = (await world.start(tenant, text))["run"]
    await workers(run_progress_seconds=0.05)
    for _ in range(200):
        seen = await world.run(tenant, run["id"])
        if seen["output"]:
            break
        await asyncio.sleep(0.05)
    assert seen["status"] == "RUNNING" and seen["output"]["partial"] is True
    cancelled = await world.ex(
        "mutation($id: ID!) { runCancel(id: $id) { run { status output } errors { code } } }",
        {"id": run["id"]},
        tenant.owner.token,
    )
    assert cancelled["data"]["runCancel"]["run"] == {"status": "CANCELLED", "output": None}
    await asyncio.sleep(0.5)  # the worker notices at its next renewal and writes nothing more
    final = await world.wait_for(tenant, run["id"], "CANCELLED")
    assert final["output"] is None and final["creditsCharged"] == 0


@pytest.fixture
async def local_worker(stack: Stack) -> AsyncIterator[Worker]:
    """A worker on the local development runtime, as `./run dev` runs it without Langflow."""
    settings = stack.execution_settings.model_copy(
        update={
            "langflow_url": "",
            "local_runtime_chunk_delay_seconds": 0.2,
            "run_progress_seconds": 0.05,
            "worker_concurrency": 1,
        }
    )
    services = build_services(settings, stack.execution_db)
    await services.connect()
    worker = Worker(services, build_runtime(settings))
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run_forever(stop))
    try:
        yield worker
    finally:
        stop.set()
        await task
        await services.aclose()


async def test_the_local_development_runtime_streams_its_echo(
    world: ExecutionWorld, local_worker: Worker
) -> None:
    assert local_worker.runtime.name == "local-development"
    tenant = await world.tenant(flow_id="summarize", credits=100, credits_per_run=10)
    run = (await world.start(tenant, "one two three four five six"))["run"]
    payloads = updates(await watch(world, tenant.owner.token, run["id"]))
    texts = [p["output"]["text"] for p in payloads if p["status"] == "RUNNING" and p["output"]]
    # Four chunks, 0.2 s apart: each is seen (the last may already be the final output).
    answer = "[summarize] one two three four five six"
    growing = [
        "[summarize] one",
        "[summarize] one two three",
        "[summarize] one two three four five",
    ]
    assert texts[:3] == growing and texts[3:] in ([], [answer]), texts
    assert payloads[-1]["output"] == {"text": answer, "runtime": "local-development"}
    assert payloads[-1]["creditsCharged"] == 10
