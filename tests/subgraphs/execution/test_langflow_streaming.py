"""The Langflow adapter's streamed calls against the fake Langflow over HTTP: the output grows as
the tokens come, the result is the one the non-streaming call gives, and a stream that breaks or
ends without its result fails the run at once — the flow ran (or may have), so it is never run
again. Then how the events are read, one by one, as Langflow 1.13 sends them."""

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx
import pytest

from subgraphs.execution.runtimes.base import RunProgress, RuntimeFailure, RuntimeResult
from subgraphs.execution.runtimes.langflow import LangflowRuntime
from subgraphs.execution.runtimes.langflow_stream import StreamedRun
from tests.conftest import Stack
from tests.fakes.langflow.app import API_KEY
from tests.fakes.langflow.flows import CHAT, run_response


class Recorded(RunProgress):
    """Keeps every new text the runtime reported, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []

    def output(self, text: str) -> None:
        if text != self.text:
            self.texts.append(text)
        super().output(text)


async def call(
    stack: Stack, flow: str, text: str, stream: bool = True, **options: Any
) -> tuple[str, RuntimeResult | RuntimeFailure, Recorded]:
    adapter = LangflowRuntime(
        stack.langflow.url, API_KEY, backoff_seconds=0.01, stream=stream, **options
    )
    session, progress = str(uuid.uuid4()), Recorded()
    try:
        return session, await adapter.run(flow, {"input_value": text}, session, progress), progress
    except RuntimeFailure as failure:
        return session, failure, progress
    finally:
        await adapter.aclose()


def without_session(output: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in output.items() if key != "sessionId"}


async def test_a_streamed_call_reports_its_output_as_it_grows(stack: Stack) -> None:
    session, streamed, progress = await call(stack, "stream-6-0.02", "watch this grow")
    assert isinstance(streamed, RuntimeResult), streamed
    assert stack.fake_langflow.streamed.count(session) == 1
    answer = "echo: watch this grow"
    # Token by token, never the user's own message; the last report is the whole answer.
    assert len(progress.texts) >= 6
    assert all(answer.startswith(text) for text in progress.texts)
    assert all(len(a) < len(b) for a, b in zip(progress.texts, progress.texts[1:], strict=False))
    assert progress.texts[-1] == answer and progress.may_have_run

    # The result is exactly what the same flow answers without streaming.
    other, whole, quiet = await call(stack, "stream-6-0.02", "watch this grow", stream=False)
    assert isinstance(whole, RuntimeResult), whole
    assert other not in stack.fake_langflow.streamed and quiet.texts == []
    assert without_session(streamed.output) == without_session(whole.output)
    assert (streamed.output["sessionId"], whole.output["sessionId"]) == (session, other)
    assert (streamed.input_tokens, streamed.output_tokens) == (3, 5)
    assert (whole.input_tokens, whole.output_tokens) == (3, 5)


@pytest.mark.parametrize(
    ("flow", "words"),
    [
        ("broken-3", "the connection to Langflow broke during the call (RemoteProtocolError)"),
        ("truncated-3", "Langflow's stream ended before the flow finished"),
    ],
)
async def test_a_stream_cut_short_fails_without_running_the_flow_again(
    stack: Stack, flow: str, words: str
) -> None:
    session, failure, progress = await call(stack, flow, "never finished", attempts=3)
    assert isinstance(failure, RuntimeFailure) and not failure.retryable
    assert failure.message.startswith(words)
    assert "not run again" in failure.message
    assert len(progress.texts) == 3  # what came before the break was reported
    assert stack.fake_langflow.streamed.count(session) == 1
    assert stack.fake_langflow.executions[session] == 1


async def test_a_langflow_that_answers_json_to_a_streamed_call_is_read_as_before() -> None:
    """A Langflow (or a proxy) that ignores `stream=true` answers the RunResponse at the end."""
    seen: list[httpx.Request] = []

    def langflow(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        body = json.loads(request.content)
        answer = run_response("echo", CHAT, body["input_value"], "chat", "chat", "s-1")
        return httpx.Response(200, json=answer)

    adapter = LangflowRuntime(
        "http://langflow.test", API_KEY, http_transport=httpx.MockTransport(langflow)
    )
    progress = Recorded()
    result = await adapter.run("echo", {"input_value": "plain"}, "s-1", progress)
    await adapter.aclose()
    assert result.output["text"] == "echo: plain"
    assert seen[0].url.params["stream"] == "true" and progress.texts == []


# ---------------------------------------------------------------------- the events, one by one


def message(text: str, sender: str = "Machine", ident: str = "m-1", **more: Any) -> dict[str, Any]:
    return {"event": "add_message", "data": {"id": ident, "text": text, "sender": sender, **more}}


def token(chunk: str, ident: str = "m-1") -> dict[str, Any]:
    return {"event": "token", "data": {"chunk": chunk, "id": ident}}


def test_tokens_build_the_message_that_announced_them() -> None:
    progress = Recorded()
    run = StreamedRun(progress)
    events = [
        message("hello", sender="User", ident="u-1"),  # the user's own: never shown
        {"event": "end_vertex", "data": {"build_data": {"id": "ChatInput-x1"}}},
        message("Hel", properties={"state": "partial"}),  # announced with its first chunk…
        token("Hel"),  # …which comes again as the first token
        token("lo "),
        token("there"),
        {"event": "build_end", "data": {}},
        message("Hello there", properties={"state": "complete", "usage": {"input_tokens": 1}}),
        "not an event",
        {"event": "token", "data": "not an object"},
    ]
    assert [run.event(event) for event in events] == [None] * len(events)
    assert progress.texts == ["Hel", "Hello ", "Hello there"]


def test_the_latest_message_is_the_one_shown() -> None:
    progress = Recorded()
    run = StreamedRun(progress)
    for event in (message("first", ident="a"), token("sec", "b"), token("ond", "b")):
        run.event(event)
    assert progress.texts == ["first", "sec", "second"]


def test_end_carries_the_answer_and_error_its_failure() -> None:
    answer = run_response("echo", CHAT, "hi", "chat", "chat", "s-9")
    result = StreamedRun(RunProgress()).event({"event": "end", "data": {"result": answer}})
    assert result is not None and result.output["text"] == "echo: hi"

    failed = StreamedRun(RunProgress())
    failed.event({"event": "error", "data": {"text": "model quota exceeded", "category": "error"}})
    assert failed.failure().message == "Langflow error: model quota exceeded"
    failed.event({"event": "error", "data": {"error": "Error running graph: \n\nquota"}})
    assert failed.failure().message == "Langflow error: Error running graph: quota"
    # str() of Langflow's APIException, as 1.13 sends a flow's failure: read as its 500 would be.
    body = json.dumps({"message": "Error running graph: \n\nquota", "traceback": None})
    failed.event({"event": "error", "data": {"error": f"500: {body}"}})
    assert failed.failure().message == "Langflow error 500: Error running graph: quota"

    silent = StreamedRun(RunProgress()).failure()
    assert silent.message.startswith("Langflow's stream ended before the flow finished")
    assert not silent.retryable
