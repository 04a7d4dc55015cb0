"""The Langflow adapter against the fake Langflow over HTTP: the request it sends, where it
reads the answer, retries on 5xx and connection errors, none on 4xx, timeouts."""

from __future__ import annotations

import pytest

from cmp.serving import free_port
from subgraphs.execution.runtimes.base import RuntimeFailure
from subgraphs.execution.runtimes.langflow import LangflowRuntime
from tests.conftest import Stack
from tests.fakes.langflow.app import API_KEY


def runtime(stack: Stack, **options: float) -> LangflowRuntime:
    return LangflowRuntime(stack.langflow.url, API_KEY, backoff_seconds=0.01, **options)  # type: ignore[arg-type]


async def test_sends_langflow_request_and_reads_message(stack: Stack) -> None:
    adapter = runtime(stack)
    try:
        result = await adapter.run(
            "echo", {"input_value": "three little words", "tweaks": {"Prompt-1": {"t": 1}}}, "s-1"
        )
    finally:
        await adapter.aclose()
    assert result.output == {"text": "echo: three little words", "sessionId": "s-1"}
    assert (result.input_tokens, result.output_tokens) == (3, 5)
    sent = stack.fake_langflow.requests[-1]
    assert sent == {
        "flow_id": "echo",
        "input_value": "three little words",
        "input_type": "chat",
        "output_type": "chat",
        "tweaks": {"Prompt-1": {"t": 1}},
        "session_id": "s-1",
    }


async def test_retries_server_errors_then_succeeds(stack: Stack) -> None:
    adapter = runtime(stack, attempts=3)
    try:
        result = await adapter.run("flaky-2", "hi", "s-2")
    finally:
        await adapter.aclose()
    assert result.output["text"] == "echo: hi"
    assert stack.fake_langflow.calls["flaky-2"] == 3


async def test_gives_up_after_attempts(stack: Stack) -> None:
    before = stack.fake_langflow.calls["error-500"]
    adapter = runtime(stack, attempts=2)
    with pytest.raises(RuntimeFailure, match="500") as failure:
        await adapter.run("error-500", "hi", "s")
    await adapter.aclose()
    assert failure.value.retryable
    assert stack.fake_langflow.calls["error-500"] == before + 2


@pytest.mark.parametrize(("flow", "status"), [("refuse-400", "400"), ("missing-flow", "404")])
async def test_client_errors_are_final(stack: Stack, flow: str, status: str) -> None:
    before = stack.fake_langflow.calls[flow]
    adapter = runtime(stack, attempts=3)
    with pytest.raises(RuntimeFailure, match=status) as failure:
        await adapter.run(flow, "hi", "s")
    await adapter.aclose()
    assert not failure.value.retryable
    assert stack.fake_langflow.calls[flow] == before + 1


async def test_wrong_api_key_is_refused(stack: Stack) -> None:
    adapter = LangflowRuntime(stack.langflow.url, "wrong", backoff_seconds=0.01)
    with pytest.raises(RuntimeFailure, match="403"):
        await adapter.run("echo", "hi", "s")
    await adapter.aclose()


async def test_timeout_and_connection_refused(stack: Stack) -> None:
    slow = runtime(stack, timeout_seconds=0.2, attempts=2)
    with pytest.raises(RuntimeFailure, match="timed out"):
        await slow.run("slow-1", "hi", "s")
    await slow.aclose()
    nowhere = LangflowRuntime(
        f"http://127.0.0.1:{free_port()}", API_KEY, attempts=2, backoff_seconds=0.01
    )
    with pytest.raises(RuntimeFailure, match="unreachable"):
        await nowhere.run("echo", "hi", "s")
    await nowhere.aclose()


async def test_answer_without_text_fails_the_run(stack: Stack) -> None:
    adapter = runtime(stack)
    with pytest.raises(RuntimeFailure, match="without a message text"):
        await adapter.run("no-text", "hi", "s")
    await adapter.aclose()
