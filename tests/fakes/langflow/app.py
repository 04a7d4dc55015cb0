"""Fake Langflow: `POST /api/v1/run/{flow_id}` with `x-api-key`, behaving as the real server
does where it matters to us:

- the body is read as Langflow's `SimplifiedAPIRequest`; a body it cannot validate is NOT
  refused: the flow runs on its defaults (no input, the flow id as session id) and answers 200;
- a run keeps going when its client leaves (Langflow does not stop a non-streaming run), and
  every execution is counted, started and finished, per session id;
- errors in Langflow's shapes: 403 without a valid key, 404 for an unknown flow, 400 with
  `detail` text, and a flow's failure as 500 `{"detail": "<ExceptionBody as JSON text>"}`;
- `?stream=true` answers 200 `text/event-stream` at once and streams the run's events as
  Langflow 1.13 does (streaming.py); a flow's failure or a refused input is then an `error`
  event, not an HTTP status; a streamed flow whose client leaves is cancelled, as Langflow
  1.13 did when probed (its execution counted, never finished).

Flows are chosen by id, so tests say what they need in the offering's flowId:
  echo, text-output, data-output, every-output, no-output   see flows.py
  slow-<seconds>       echo after running that long (and on, if the client leaves)
  error-500            the flow raises: Langflow's 500 with its message
  upstream-502         Langflow's own 502 after the flow ran (an upstream model failed)
  gateway-<code>-<n>   a proxy in front of Langflow answers <code> (not Langflow's body) to the
                       first n calls of each session, then the echo flow runs
  refuse-400           Langflow refuses the input with 400
  stream-<n>-<seconds> echo whose answer streams in n tokens, that many seconds apart (without
                       ?stream=true: echo after n x seconds); any other chat flow streams its
                       answer in 3 tokens at once
  broken-<n>           streams its answer token by token; the connection breaks after n tokens
  truncated-<n>        the stream ends cleanly after n tokens, without `end` or `error`
any other id           404 {"detail": "Flow identifier <id> not found"}
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from collections.abc import Coroutine
from typing import Any, Literal, TypeVar

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from pydantic import BaseModel, ValidationError
from starlette.background import BackgroundTask

from tests.fakes.langflow.flows import CHAT, FLOWS, Flow, run_response
from tests.fakes.langflow.streaming import (
    Events,
    error_message,
    stream_chat_answer,
    user_message,
)

T = TypeVar("T")

API_KEY = "sk-fake-langflow-key"
# What Langflow 1.13 says when a component raises (its message keeps the blank lines).
FLOW_ERROR = "Error running graph: Error building Component OpenAI: \n\nmodel quota exceeded"
FLOW_ERROR_LINE = " ".join(FLOW_ERROR.split())  # as a run's error stores it
UPSTREAM_ERROR = "Error building Component OpenAI: Bad gateway upstream"
REFUSAL = (
    "If you pass an input_value to the chat input, you cannot pass a tweak with the same name."
)
ERRORS = ("error-500", "upstream-502", "refuse-400")
STREAMING = ("stream-", "broken-", "truncated-")


class RunRequest(BaseModel):
    """Langflow's SimplifiedAPIRequest (src/backend/base/langflow/api/v1/schemas.py)."""

    input_value: str | None = None
    input_type: Literal["chat", "text", "any"] | None = "chat"
    output_type: Literal["chat", "text", "any", "debug"] | None = "chat"
    output_component: str | None = ""
    tweaks: dict[str, str | dict[str, Any]] | None = None
    session_id: str | None = None


def exception_body(message: str) -> str:
    """Langflow's ExceptionBody serialised as JSON text (src/backend/base/langflow/exceptions/api.py)."""
    body = {"message": message, "traceback": None, "description": None, "code": None}
    return json.dumps({**body, "suggestion": None})


def langflow_error(message: str, status: int) -> JSONResponse:
    """Langflow's APIException: `detail` is its ExceptionBody serialised as JSON text."""
    return JSONResponse({"detail": exception_body(message)}, status)


class FakeLangflow:
    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()  # per flow id, every authenticated call
        self.requests: list[dict[str, Any]] = []  # bodies as sent, with the flow id
        self.streamed: list[str] = []  # session ids of the calls made with ?stream=true
        self.executions: Counter[str] = Counter()  # per session id: flows started
        self.finished: Counter[str] = Counter()  # per session id: flows that ran to the end
        self.on_defaults: list[str] = []  # flow ids run on their defaults (invalid body)
        self._gateway_calls: Counter[str] = Counter()
        self._running: set[asyncio.Task[Any]] = set()
        self.app = FastAPI()

        @self.app.post("/api/v1/run/{flow_id}")
        async def run(flow_id: str, request: Request, stream: bool = False) -> Response:
            if request.headers.get("x-api-key") != API_KEY:
                return JSONResponse(
                    {"detail": "An API key must be passed as query or header"}, status_code=403
                )
            raw = await request.body()
            self.calls[flow_id] += 1
            try:
                sent = json.loads(raw) if raw else {}
            except ValueError:
                sent = {"unparsable": raw.decode(errors="replace")}
            self.requests.append({"flow_id": flow_id, **(sent if isinstance(sent, dict) else {})})
            flow = find_flow(flow_id)
            if flow is None:
                return JSONResponse({"detail": f"Flow identifier {flow_id} not found"}, 404)
            if flow_id.startswith("gateway-"):
                refused = self._gateway(flow_id, sent)
                if refused is not None:
                    return refused
            try:
                body = RunRequest.model_validate(sent)
            except ValidationError:
                # Langflow logs "Failed to parse request body" and runs the flow on defaults.
                self.on_defaults.append(flow_id)
                body = RunRequest()
            if stream:
                self.streamed.append(body.session_id or flow_id)
                events = Events()
                flow_run = self._keep(self._execute_streamed(flow_id, flow, body, events))
                # As Langflow: when the client goes away, the response's background task
                # cancels the flow (`on_disconnect` in `_run_flow_internal`).
                return StreamingResponse(
                    events.body(),
                    media_type="text/event-stream",
                    background=BackgroundTask(flow_run.cancel),
                )
            # Langflow does not stop the flow when the client leaves: shield it.
            return await asyncio.shield(self._keep(self._execute(flow_id, flow, body)))

    def _keep(self, work: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        """Run a flow as a task of its own, which goes on if its client leaves."""
        task = asyncio.create_task(work)
        self._running.add(task)
        task.add_done_callback(self._running.discard)
        return task

    def _gateway(self, flow_id: str, sent: Any) -> Response | None:
        """A proxy's answer before Langflow saw the call, for the first n calls of a session."""
        _, status, times = flow_id.split("-")
        session = str(sent.get("session_id")) if isinstance(sent, dict) else ""
        self._gateway_calls[session] += 1
        if self._gateway_calls[session] > int(times):
            return None
        return PlainTextResponse("no healthy upstream", int(status))

    async def _execute(self, flow_id: str, flow: Flow, body: RunRequest) -> Response:
        if flow_id == "refuse-400":  # refused before the graph runs
            return JSONResponse({"detail": REFUSAL}, 400)
        session_id = body.session_id or flow_id  # Langflow's fallback session
        self.executions[session_id] += 1
        await asyncio.sleep(running_time(flow_id))
        self.finished[session_id] += 1
        if flow_id == "error-500":
            return langflow_error(FLOW_ERROR, 500)
        if flow_id == "upstream-502":
            return langflow_error(UPSTREAM_ERROR, 502)
        answer = run_response(
            flow_id, flow, body.input_value, body.input_type, body.output_type, session_id
        )
        return JSONResponse(answer)

    async def _execute_streamed(
        self, flow_id: str, flow: Flow, body: RunRequest, events: Events
    ) -> None:
        """The same flows, their progress and outcome sent as events (the HTTP status is
        already 200): Langflow checks the input inside the run, so a refusal is an event too."""
        if flow_id == "refuse-400":
            events.send("error", {"error": REFUSAL})
            events.close()
            return
        session_id = body.session_id or flow_id
        self.executions[session_id] += 1
        if "ChatInput-x1" in flow.inputs and body.input_type in ("chat", "any"):
            events.send("add_message", user_message(body.input_value or "", session_id, flow_id))
        if flow_id.startswith("slow-"):
            await asyncio.sleep(running_time(flow_id))
        failure = {"error-500": (FLOW_ERROR, 500), "upstream-502": (UPSTREAM_ERROR, 502)}
        if flow_id in failure:
            self.finished[session_id] += 1
            message, status = failure[flow_id]
            events.send("error", error_message(message.split("\n\n")[-1], session_id, flow_id))
            # str() of Langflow's APIException: "<status>: <ExceptionBody as JSON text>".
            events.send("error", {"error": f"{status}: {exception_body(message)}"})
            events.close()
            return
        answer = run_response(
            flow_id, flow, body.input_value, body.input_type, body.output_type, session_id
        )
        chunks, delay, stop_after = streaming_plan(flow_id)
        whole = await stream_chat_answer(
            events, answer, chunks, delay, stop_after, cut=flow_id.startswith("broken-")
        )
        self.finished[session_id] += 1  # the flow ran to its end, whatever its client heard
        if whole:
            events.send("end", {"result": answer})
            events.close()


def find_flow(flow_id: str) -> Flow | None:
    if flow_id in FLOWS:
        return FLOWS[flow_id]
    if flow_id in ERRORS or flow_id.startswith(("slow-", "gateway-", *STREAMING)):
        return CHAT
    return None


def running_time(flow_id: str) -> float:
    """How long a flow runs before it answers (a streamed one spreads it over its tokens)."""
    if flow_id.startswith("slow-"):
        return float(flow_id.removeprefix("slow-"))
    if flow_id.startswith("stream-"):
        chunks, delay, _ = streaming_plan(flow_id)
        return chunks * delay
    return 0.0


def streaming_plan(flow_id: str) -> tuple[int, float, int | None]:
    """(tokens, seconds between them, tokens after which the stream breaks off)."""
    kind, _, rest = flow_id.partition("-")
    if kind == "stream":
        chunks, delay = rest.split("-")
        return int(chunks), float(delay), None
    if kind in ("broken", "truncated"):
        return 8, 0.05, int(rest)
    return 3, 0.0, None
