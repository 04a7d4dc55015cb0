"""Optional: runs through our router on a REAL Langflow (the `langflow` package from PyPI),
skipped when none is installed. Langflow is not a dependency of this project (it is huge); to
run these, install it in a venv of its own and point the test at it:

    python3.12 -m venv /tmp/langflow-venv
    /tmp/langflow-venv/bin/pip install langflow==1.13.0
    CMP_TEST_LANGFLOW=/tmp/langflow-venv/bin/langflow \\
        .venv/bin/python -m pytest tests/subgraphs/execution/test_real_langflow.py

Langflow takes a few minutes to start on a small machine (CMP_TEST_LANGFLOW_START_SECONDS,
600 by default). What is checked is what the fake Langflow stands in for elsewhere: the request
and the answer, one execution per attempt when the flow is slow (Langflow's own message store
is the witness), a flow's error stored as Langflow's message, uncharged, and a streamed run's
output growing while it runs, ending as the non-streaming call's.
"""

from __future__ import annotations

import asyncio
import itertools
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from subgraphs.execution.runtimes.langflow import LangflowRuntime
from tests.subgraphs.execution.conftest import ExecutionWorld, WorkerFactory
from tests.subgraphs.execution.real_langflow import (
    LANGFLOW_ENV,
    RealLangflow,
    langflow_command,
    start,
    stop,
)
from tests.subgraphs.execution.test_run_updated import _sse as watch

COMMAND = langflow_command()
pytestmark = pytest.mark.skipif(
    COMMAND is None,
    reason=f"langflow is not installed (pip install langflow in a venv; set {LANGFLOW_ENV})",
)


@pytest.fixture(scope="module")
async def real_langflow(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[RealLangflow]:
    assert COMMAND is not None
    folder: Path = tmp_path_factory.mktemp("langflow")
    langflow = await start(COMMAND, folder)
    try:
        yield langflow
    finally:
        stop(langflow.process)


async def test_a_run_on_real_langflow_succeeds_and_is_charged_once(
    world: ExecutionWorld, workers: WorkerFactory, real_langflow: RealLangflow
) -> None:
    tenant = await world.tenant(flow_id=real_langflow.flow_id, credits=30, credits_per_run=10)
    run = (await world.start(tenant, "hello there"))["run"]
    await workers(concurrency=2, langflow=(real_langflow.url, real_langflow.api_key))
    done = await world.wait_for(tenant, run["id"], "SUCCEEDED", timeout=120)
    assert done["output"]["text"] == "probe: hello there"
    assert done["output"]["sessionId"] == run["id"]
    assert done["output"]["outputs"] == [
        {"componentId": "ChatOutput-cmp03", "kind": "message", "text": "probe: hello there"}
    ]
    assert done["creditsCharged"] == 10
    wallet = await world.wallet(tenant)
    assert (wallet["balance"], wallet["reserved"]) == (20, 0)
    assert await real_langflow.messages(run["id"]) == [
        ("User", "hello there"),
        ("Machine", "probe: hello there"),
    ]


async def test_a_failing_flow_fails_at_once_with_langflows_message(
    world: ExecutionWorld, workers: WorkerFactory, real_langflow: RealLangflow
) -> None:
    tenant = await world.tenant(flow_id=real_langflow.flow_id, credits=30, credits_per_run=10)
    run = (await world.start(tenant, "fail"))["run"]
    await workers(
        concurrency=2,
        langflow=(real_langflow.url, real_langflow.api_key),
        # Langflow renders the traceback in its log several times before it answers: on a
        # busy 2-core machine that took 30 s.
        timeout_seconds=240,
        run_lease_seconds=0.5,
    )
    failed = await world.wait_for(tenant, run["id"], "FAILED", timeout=300)
    # Streamed, Langflow answered 200 and sent its 500 in an `error` event: the same words.
    assert failed["error"] == (
        "Langflow error 500: Error running graph: Error building Component Custom Component: "
        "the probe was asked to fail"
    )
    assert failed["creditsCharged"] == 0
    await asyncio.sleep(2)  # time for a wrongful retry
    messages = await real_langflow.messages(run["id"])
    # One execution: one user message (Langflow also stores the component's error).
    assert [text for sender, text in messages if sender == "User"] == ["fail"]
    assert [text.strip() for sender, text in messages if sender == "Probe"] == [
        "the probe was asked to fail"
    ]


@pytest.mark.parametrize("stream", [False, True])
async def test_a_slow_flow_is_executed_once(
    world: ExecutionWorld,
    workers: WorkerFactory,
    real_langflow: RealLangflow,
    stream: bool,
) -> None:
    tenant = await world.tenant(flow_id=real_langflow.flow_id, credits=30, credits_per_run=10)
    run = (await world.start(tenant, "sleep 4"))["run"]
    await workers(
        concurrency=2,
        langflow=(real_langflow.url, real_langflow.api_key),
        timeout_seconds=1.5,
        run_lease_seconds=0.5,
        stream=stream,
    )
    failed = await world.wait_for(tenant, run["id"], "FAILED", timeout=120)
    assert "did not answer within 1.5 s" in failed["error"]
    assert failed["creditsCharged"] == 0
    await asyncio.sleep(6)  # time for the flow to end, and for any wrongful retry
    # Langflow finishes a plain call's flow its client left, once; a streamed one it cancels
    # when its client leaves: started once, never finished.
    finished = [("Machine", "probe: sleep 4")] if not stream else []
    assert await real_langflow.messages(run["id"]) == [("User", "sleep 4"), *finished]


async def test_a_streamed_run_on_real_langflow_shows_its_output_growing(
    world: ExecutionWorld, workers: WorkerFactory, real_langflow: RealLangflow
) -> None:
    tenant = await world.tenant(flow_id=real_langflow.flow_id, credits=30, credits_per_run=10)
    run = (await world.start(tenant, "stream 8"))["run"]
    watching = asyncio.create_task(watch(world, tenant.owner.token, run["id"]))
    await asyncio.sleep(0.3)
    await workers(
        concurrency=2,
        langflow=(real_langflow.url, real_langflow.api_key),
        timeout_seconds=240,
        run_progress_seconds=0.1,
    )
    events = await asyncio.wait_for(watching, 300)
    payloads = [data["data"]["runUpdated"] for kind, data in events if kind == "next"]
    answer = "".join(f"chunk{number} " for number in range(8))
    texts = [p["output"]["text"] for p in payloads if p["status"] == "RUNNING" and p["output"]]
    assert len(texts) >= 3, payloads
    assert all(answer.startswith(text) for text in texts)
    assert all(len(a) < len(b) for a, b in itertools.pairwise(texts))
    final = payloads[-1]
    assert final["status"] == "SUCCEEDED" and final["creditsCharged"] == 10
    assert final["output"]["text"] == answer
    # What Langflow answers the same run without streaming, to the letter.
    quiet = LangflowRuntime(real_langflow.url, real_langflow.api_key, 240, stream=False)
    whole = await quiet.run(real_langflow.flow_id, {"input_value": "stream 8"}, str(uuid.uuid4()))
    await quiet.aclose()
    assert final["output"] == {**whole.output, "sessionId": run["id"]}
