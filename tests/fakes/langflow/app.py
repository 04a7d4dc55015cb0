"""Fake Langflow: `POST /api/v1/run/{flow_id}` with `x-api-key`, answering in the shape of
Langflow's RunResponse (outputs[0].outputs[0].results.message.text, usage in the message's
properties), with its error answers (403 without a valid key, 404 for an unknown flow,
500 with `detail`) and slow answers.

Flows are behaviours chosen by id, so tests say what they need in the offering's flowId:
  echo            answers "echo: <input_value>" with token usage
  slow-<seconds>  answers like echo after sleeping
  error-500       always 500 {"detail": ...}
  flaky-<n>       500 for the first n calls, then echo
  refuse-400      400 {"detail": ...}
  no-text         200 without a message text (a malformed answer)
any other id      404 {"detail": "Flow identifier <id> not found"}
"""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

API_KEY = "sk-fake-langflow-key"


def _message(text: str, session_id: str, flow_id: str, words: int) -> dict[str, Any]:
    usage = {"input_tokens": words, "output_tokens": words + 2, "total_tokens": 2 * words + 2}
    properties = {
        "text_color": "",
        "background_color": "",
        "edited": False,
        "source": {"id": "OpenAIModel-x1", "display_name": "OpenAI", "source": "gpt-4o-mini"},
        "icon": "",
        "allow_markdown": False,
        "state": "complete",
        "targets": [],
        "usage": usage,
    }
    return {
        "text_key": "text",
        "data": {
            "text": text,
            "sender": "Machine",
            "sender_name": "AI",
            "session_id": session_id,
            "properties": properties,
        },
        "default_value": "",
        "text": text,
        "sender": "Machine",
        "sender_name": "AI",
        "files": [],
        "session_id": session_id,
        "timestamp": datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S %Z"),
        "flow_id": flow_id,
        "error": False,
        "edit": False,
        "properties": properties,
        "category": "message",
        "content_blocks": [],
        "id": str(uuid.uuid4()),
    }


def _run_response(flow_id: str, body: dict[str, Any]) -> dict[str, Any]:
    value = str(body.get("input_value", ""))
    session_id = str(body.get("session_id") or uuid.uuid4())
    text = f"echo: {value}"
    message = _message(text, session_id, flow_id, len(value.split()))
    return {
        "session_id": session_id,
        "outputs": [
            {
                "inputs": {"input_value": value},
                "outputs": [
                    {
                        "results": {"message": message},
                        "artifacts": {"message": text, "sender": "Machine", "type": "object"},
                        "outputs": {"message": {"message": text, "type": "text"}},
                        "logs": {"message": []},
                        "messages": [
                            {
                                "message": text,
                                "sender": "Machine",
                                "sender_name": "AI",
                                "session_id": session_id,
                                "component_id": "ChatOutput-x2",
                                "files": [],
                                "type": "text",
                            }
                        ],
                        "timedelta": None,
                        "duration": None,
                        "component_display_name": "Chat Output",
                        "component_id": "ChatOutput-x2",
                        "used_frozen_result": False,
                    }
                ],
            }
        ],
    }


class FakeLangflow:
    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()
        self.requests: list[dict[str, Any]] = []
        self.app = FastAPI()

        @self.app.post("/api/v1/run/{flow_id}")
        async def run(flow_id: str, request: Request) -> JSONResponse:
            if request.headers.get("x-api-key") != API_KEY:
                return JSONResponse(
                    {"detail": "An API key must be passed as query or header"}, status_code=403
                )
            body = await request.json()
            self.calls[flow_id] += 1
            self.requests.append({"flow_id": flow_id, **body})
            return await self._answer(flow_id, body)

    async def _answer(self, flow_id: str, body: dict[str, Any]) -> JSONResponse:
        if flow_id == "echo":
            return JSONResponse(_run_response(flow_id, body))
        if flow_id.startswith("slow-"):
            await asyncio.sleep(float(flow_id.removeprefix("slow-")))
            return JSONResponse(_run_response(flow_id, body))
        if flow_id == "error-500":
            return JSONResponse({"detail": "Error running graph: model quota exceeded"}, 500)
        if flow_id.startswith("flaky-"):
            if self.calls[flow_id] <= int(flow_id.removeprefix("flaky-")):
                return JSONResponse({"detail": "Error running graph: upstream timeout"}, 500)
            return JSONResponse(_run_response(flow_id, body))
        if flow_id == "refuse-400":
            return JSONResponse({"detail": "Invalid input_type"}, 400)
        if flow_id == "no-text":
            return JSONResponse({"session_id": "s", "outputs": []})
        return JSONResponse({"detail": f"Flow identifier {flow_id} not found"}, 404)
