"""Fake Langflow: `POST /api/v1/run/{flow_id}` with `x-api-key`, behaving as the real server
does where it matters to us:

- the body is read as Langflow's `SimplifiedAPIRequest`; a body it cannot validate is NOT
  refused: the flow runs on its defaults (no input, the flow id as session id) and answers 200;
- a run keeps going when its client leaves (Langflow does not stop a non-streaming run), and
  every execution is counted, started and finished, per session id;
- errors in Langflow's shapes: 403 without a valid key, 404 for an unknown flow, 400 with
  `detail` text, and a flow's failure as 500 `{"detail": "<ExceptionBody as JSON text>"}`.

Flows are chosen by id, so tests say what they need in the offering's flowId:
  echo, text-output, data-output, every-output, no-output   see flows.py
  slow-<seconds>       echo after running that long (and on, if the client leaves)
  error-500            the flow raises: Langflow's 500 with its message
  upstream-502         Langflow's own 502 after the flow ran (an upstream model failed)
  gateway-<code>-<n>   a proxy in front of Langflow answers <code> (not Langflow's body) to the
                       first n calls of each session, then the echo flow runs
  refuse-400           Langflow refuses the input with 400
any other id           404 {"detail": "Flow identifier <id> not found"}
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from typing import Any, Literal

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from pydantic import BaseModel, ValidationError

from tests.fakes.langflow.flows import CHAT, FLOWS, Flow, run_response

API_KEY = "sk-fake-langflow-key"
# What Langflow 1.13 says when a component raises (its message keeps the blank lines).
FLOW_ERROR = "Error running graph: Error building Component OpenAI: \n\nmodel quota exceeded"
FLOW_ERROR_LINE = " ".join(FLOW_ERROR.split())  # as a run's error stores it
ERRORS = ("error-500", "upstream-502", "refuse-400")


class RunRequest(BaseModel):
    """Langflow's SimplifiedAPIRequest (src/backend/base/langflow/api/v1/schemas.py)."""

    input_value: str | None = None
    input_type: Literal["chat", "text", "any"] | None = "chat"
    output_type: Literal["chat", "text", "any", "debug"] | None = "chat"
    output_component: str | None = ""
    tweaks: dict[str, str | dict[str, Any]] | None = None
    session_id: str | None = None


def langflow_error(message: str, status: int) -> JSONResponse:
    """Langflow's APIException: `detail` is its ExceptionBody serialised as JSON text."""
    body = {"message": message, "traceback": None, "description": None, "code": None}
    return JSONResponse({"detail": json.dumps({**body, "suggestion": None})}, status)


class FakeLangflow:
    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()  # per flow id, every authenticated call
        self.requests: list[dict[str, Any]] = []  # bodies as sent, with the flow id
        self.executions: Counter[str] = Counter()  # per session id: flows started
        self.finished: Counter[str] = Counter()  # per session id: flows that ran to the end
        self.on_defaults: list[str] = []  # flow ids run on their defaults (invalid body)
        self._gateway_calls: Counter[str] = Counter()
        self._running: set[asyncio.Task[Response]] = set()
        self.app = FastAPI()

        @self.app.post("/api/v1/run/{flow_id}")
        async def run(flow_id: str, request: Request) -> Response:
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
            # Langflow does not stop the flow when the client leaves: shield it.
            execution = asyncio.create_task(self._execute(flow_id, flow, body))
            self._running.add(execution)
            execution.add_done_callback(self._running.discard)
            return await asyncio.shield(execution)

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
            return JSONResponse(
                {
                    "detail": "If you pass an input_value to the chat input, you cannot pass "
                    "a tweak with the same name."
                },
                400,
            )
        session_id = body.session_id or flow_id  # Langflow's fallback session
        self.executions[session_id] += 1
        if flow_id.startswith("slow-"):
            await asyncio.sleep(float(flow_id.removeprefix("slow-")))
        self.finished[session_id] += 1
        if flow_id == "error-500":
            return langflow_error(FLOW_ERROR, 500)
        if flow_id == "upstream-502":
            return langflow_error("Error building Component OpenAI: Bad gateway upstream", 502)
        answer = run_response(
            flow_id, flow, body.input_value, body.input_type, body.output_type, session_id
        )
        return JSONResponse(answer)


def find_flow(flow_id: str) -> Flow | None:
    if flow_id in FLOWS:
        return FLOWS[flow_id]
    if flow_id in ERRORS or flow_id.startswith(("slow-", "gateway-")):
        return CHAT
    return None
