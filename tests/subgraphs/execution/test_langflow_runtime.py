"""The Langflow adapter against the fake Langflow over HTTP: the request it sends, how it reads
every output kind, and its retry rule — only calls that certainly did not run the flow are
repeated (no connection, a gateway's 502/503/504); a timeout or Langflow's own error is final.
Calls stream by default (`?stream=true`); where the two differ, both ways are checked."""

from __future__ import annotations

import asyncio
import json
import uuid
from typing import Any

import httpx
import pytest

from cmp.serving import free_port
from subgraphs.execution.runtimes.base import RuntimeFailure
from subgraphs.execution.runtimes.langflow import LangflowRuntime
from subgraphs.execution.runtimes.langflow_answer import error_message
from tests.conftest import Stack
from tests.fakes.langflow.app import API_KEY, FLOW_ERROR_LINE


def runtime(stack: Stack, **options: Any) -> LangflowRuntime:
    return LangflowRuntime(stack.langflow.url, API_KEY, backoff_seconds=0.01, **options)


async def run(stack: Stack, flow: str, run_input: Any, **options: Any) -> tuple[str, Any]:
    """Run once through a fresh adapter; returns the session id and the result or failure."""
    adapter = runtime(stack, **options)
    session = str(uuid.uuid4())
    try:
        return session, await adapter.run(flow, run_input, session)
    except RuntimeFailure as failure:
        return session, failure
    finally:
        await adapter.aclose()


def sent(stack: Stack, session: str) -> list[dict[str, Any]]:
    return [r for r in stack.fake_langflow.requests if r.get("session_id") == session]


async def test_sends_langflow_request_and_reads_message(stack: Stack) -> None:
    tweaks = {"OpenAIModel-x6": {"temperature": 0.2}}
    session, result = await run(
        stack, "echo", {"input_value": "three little words", "tweaks": tweaks}
    )
    assert not isinstance(result, RuntimeFailure), result
    assert result.output == {
        "text": "echo: three little words",
        "sessionId": session,
        "outputs": [
            {"componentId": "ChatOutput-x2", "kind": "message", "text": "echo: three little words"}
        ],
    }
    assert (result.input_tokens, result.output_tokens) == (3, 5)
    assert sent(stack, session) == [
        {
            "flow_id": "echo",
            "input_value": "three little words",
            "input_type": "chat",
            "output_type": "chat",
            "tweaks": tweaks,
            "session_id": session,
        }
    ]
    assert stack.fake_langflow.executions[session] == 1
    assert stack.fake_langflow.streamed.count(session) == 1  # `?stream=true`


async def test_json_input_is_sent_as_its_json_text(stack: Stack) -> None:
    value = {"question": "¿qué?", "n": [1, 2]}
    session, result = await run(stack, "echo", {"input_value": value})
    assert not isinstance(result, RuntimeFailure), result
    (request,) = sent(stack, session)
    assert json.loads(request["input_value"]) == value
    assert "tweaks" not in request  # none asked for, none sent


@pytest.mark.parametrize("stream", [False, True])
async def test_every_output_kind_is_read(stack: Stack, stream: bool) -> None:
    _, text = await run(
        stack,
        "text-output",
        {"input_value": "hi", "input_type": "text", "output_type": "text"},
        stream=stream,
    )
    assert not isinstance(text, RuntimeFailure), text
    assert text.output["text"] == "text: hi"
    assert text.output["outputs"] == [
        {"componentId": "TextOutput-x3", "kind": "text", "text": "text: hi"}
    ]
    assert (text.input_tokens, text.output_tokens) == (None, None)  # no model, no usage

    _, data = await run(
        stack, "data-output", {"input_value": "a b", "output_type": "any"}, stream=stream
    )
    assert not isinstance(data, RuntimeFailure), data
    assert data.output["text"] is None
    assert data.output["outputs"] == [
        {"componentId": "DataOutput-x4", "kind": "data", "data": {"echo": "a b", "words": 2}}
    ]

    _, every = await run(
        stack, "every-output", {"input_value": "x", "output_type": "any"}, stream=stream
    )
    assert not isinstance(every, RuntimeFailure), every
    assert [(o["kind"], o.get("text"), o.get("data")) for o in every.output["outputs"]] == [
        ("message", "echo: x", None),
        ("text", "text: x", None),
        ("data", None, {"echo": "x", "words": 1}),
    ]
    assert every.output["text"] == "echo: x"


async def test_langflow_picks_components_by_type(stack: Stack) -> None:
    # Chat output asked of a Text Output flow: Langflow answers with all outputs instead.
    _, text = await run(stack, "text-output", {"input_value": "hi", "input_type": "text"})
    assert not isinstance(text, RuntimeFailure), text
    assert text.output["text"] == "text: hi"
    # Chat input given to a Text Input flow reaches no component: it runs on its default.
    # The run's input must say input_type "text" (or "any") for such a flow.
    _, defaults = await run(stack, "text-output", {"input_value": "hi"})
    assert not isinstance(defaults, RuntimeFailure), defaults
    assert defaults.output["text"] == "text: "


async def test_an_answer_without_output_fails(stack: Stack) -> None:
    _, empty = await run(stack, "no-output", {"input_value": "hi"})
    assert isinstance(empty, RuntimeFailure) and not empty.retryable
    assert "without any output" in empty.message


async def test_gateway_errors_before_the_flow_are_retried(stack: Stack) -> None:
    session, result = await run(stack, "gateway-503-2", {"input_value": "hi"}, attempts=3)
    assert not isinstance(result, RuntimeFailure), result
    assert result.output["text"] == "echo: hi"
    assert len(sent(stack, session)) == 3
    assert stack.fake_langflow.executions[session] == 1

    session, failure = await run(stack, "gateway-504-9", {"input_value": "hi"}, attempts=2)
    assert isinstance(failure, RuntimeFailure) and failure.retryable
    assert "504" in failure.message
    assert len(sent(stack, session)) == 2 and stack.fake_langflow.executions[session] == 0


# Streamed, Langflow answers 200 and sends its failure as an `error` event: the same words.
@pytest.mark.parametrize("stream", [False, True])
async def test_a_flow_error_fails_at_once_with_langflows_message(
    stack: Stack, stream: bool
) -> None:
    session, failure = await run(stack, "error-500", {"input_value": "hi"}, stream=stream)
    assert isinstance(failure, RuntimeFailure) and not failure.retryable
    assert failure.message == f"Langflow error 500: {FLOW_ERROR_LINE}"
    assert stack.fake_langflow.executions[session] == 1 and len(sent(stack, session)) == 1

    # Langflow's own 502 comes after the flow ran (an upstream model failed): not retried.
    session, upstream = await run(stack, "upstream-502", {"input_value": "hi"}, stream=stream)
    assert isinstance(upstream, RuntimeFailure) and not upstream.retryable
    assert upstream.message.startswith("Langflow error 502: Error building Component OpenAI")
    assert stack.fake_langflow.executions[session] == 1


@pytest.mark.parametrize(
    ("flow", "stream", "expected"),
    [
        ("refuse-400", False, "Langflow error 400: If you pass an input_value to the chat input"),
        # Streamed, Langflow checks the input inside the run: an `error` event after 200.
        ("refuse-400", True, "Langflow error: If you pass an input_value to the chat input"),
        ("missing-flow", False, "Langflow error 404: Flow identifier missing-flow not found"),
        ("missing-flow", True, "Langflow error 404: Flow identifier missing-flow not found"),
    ],
)
async def test_client_errors_are_final(
    stack: Stack, flow: str, stream: bool, expected: str
) -> None:
    session, failure = await run(stack, flow, {"input_value": "hi"}, attempts=3, stream=stream)
    assert isinstance(failure, RuntimeFailure) and not failure.retryable
    assert failure.message.startswith(expected)
    assert len(sent(stack, session)) == 1 and stack.fake_langflow.executions[session] == 0


async def test_wrong_api_key_is_refused(stack: Stack) -> None:
    adapter = LangflowRuntime(stack.langflow.url, "wrong", backoff_seconds=0.01)
    with pytest.raises(RuntimeFailure, match="403: An API key must be passed"):
        await adapter.run("echo", {"input_value": "hi"}, "s")
    await adapter.aclose()


@pytest.mark.parametrize("stream", [False, True])
async def test_a_timeout_is_not_retried_and_the_flow_runs_once(stack: Stack, stream: bool) -> None:
    session, failure = await run(
        stack, "slow-1", {"input_value": "hi"}, timeout_seconds=0.2, attempts=3, stream=stream
    )
    assert isinstance(failure, RuntimeFailure) and not failure.retryable
    assert "did not answer within 0.2 s" in failure.message
    assert len(sent(stack, session)) == 1
    # Langflow goes on running a plain call's flow after the client left, once; a streamed
    # one it cancels when its client leaves. Either way it was executed once.
    await asyncio.sleep(1.5)
    assert stack.fake_langflow.finished[session] == (0 if stream else 1)
    assert stack.fake_langflow.executions[session] == 1


async def test_connection_refused_is_retried_then_retryable() -> None:
    nowhere = LangflowRuntime(
        f"http://127.0.0.1:{free_port()}", API_KEY, attempts=2, backoff_seconds=0.01
    )
    with pytest.raises(RuntimeFailure, match="unreachable") as failure:
        await nowhere.run("echo", {"input_value": "hi"}, "s")
    await nowhere.aclose()
    assert failure.value.retryable


@pytest.mark.parametrize(
    "malformed",
    [
        {"input_value": "hi", "input_type": "bogus"},
        {"input_value": "hi", "tweaks": ["x"]},
        {"input_type": "chat"},
        ["hi"],
    ],
)
async def test_malformed_input_is_never_sent(stack: Stack, malformed: Any) -> None:
    """Runs stored before inputs were checked: Langflow would run them on the flow's defaults."""
    before = len(stack.fake_langflow.requests)
    session, failure = await run(stack, "echo", malformed)
    assert isinstance(failure, RuntimeFailure) and not failure.retryable
    assert "input is malformed" in failure.message
    assert len(stack.fake_langflow.requests) == before and not sent(stack, session)


def answer(status: int, body: Any, content_type: str = "application/json") -> httpx.Response:
    content = json.dumps(body).encode() if content_type == "application/json" else body.encode()
    return httpx.Response(status, content=content, headers={"content-type": content_type})


@pytest.mark.parametrize(
    ("response", "message"),
    [
        (
            answer(500, {"detail": json.dumps({"message": "boom", "traceback": None})}),
            "boom",
        ),
        (answer(500, {"detail": json.dumps({"message": ["a", "b"]})}), "a; b"),
        (
            answer(
                422,
                {
                    "detail": [
                        {
                            "type": "literal_error",
                            "loc": ["body", "input_type"],
                            "msg": "Input should be 'chat', 'text' or 'any'",
                            "input": "bogus",
                        }
                    ]
                },
            ),
            "input_type: Input should be 'chat', 'text' or 'any'",
        ),
        (answer(404, {"detail": "Flow not found"}), "Flow not found"),
        (
            answer(
                422,
                {
                    "detail": {
                        "error": "Refused tweaks",
                        "code": "TWEAKS_REFUSED",
                        "message": "The field is protected and keeps the value set by the "
                        "flow author.",
                        "fields": ["code"],
                    }
                },
            ),
            "The field is protected and keeps the value set by the flow author. (code)",
        ),
        (answer(502, "<html><body>502 Bad Gateway</body></html>", "text/html"), "Bad Gateway"),
        (answer(500, {"detail": "x" * 5000}), "x" * 1999 + "…"),
    ],
)
def test_error_messages_are_langflows_words(response: httpx.Response, message: str) -> None:
    assert error_message(response) == message
