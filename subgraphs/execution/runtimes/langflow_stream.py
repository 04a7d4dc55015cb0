"""Reading Langflow's streamed run: `POST /api/v1/run/{flow_id}?stream=true`.

Langflow 1.13 answers 200 `text/event-stream` at once and runs the flow in a task of its own
(`_run_flow_internal` and `run_flow_generator` in src/backend/base/langflow/api/v1/endpoints.py).
Each event is one line of JSON followed by a blank line — `json.dumps({"event": type, "data":
data}) + "\n\n"`, not SSE `data:` framing (`EventManager.send_event`,
src/lfx/src/lfx/events/event_manager.py). The run API's manager
(`create_stream_tokens_event_manager`, same file) sends:

- `add_message`: a Message as `model_dump()` (`id`, `text`, `sender` "User" or "Machine",
  `properties.state` "partial" while it streams…). Chat Input's message is one of them. A
  streamed message is announced by one `add_message` holding its first chunk, then one `token`
  per chunk (the first again); Chat Output may send it once more, complete, with its usage
  (`Component._process_chunk`, src/lfx/src/lfx/custom/custom_component/component.py, and
  `ChatOutput.message_response`).
- `token`: `{"chunk": "<text>", "id": "<message id>"}`.
- `end`: `{"result": <RunResponse>}` — what the non-streaming call answers, read the same way.
- `error`: `{"error": str(<what the flow raised>)}` when the flow fails (the stream then ends
  without `end`): for a flow's failure, Langflow's APIException, whose `str()` is
  "500: <ExceptionBody as JSON text>" (`run_flow_generator`, and `simple_run_flow` in the same
  endpoints.py); a component's error may come first as an error Message (its `text`).
- `end_vertex`, `build_start`, `build_end`, `log`: progress of components, ignored here.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from subgraphs.execution.runtimes.base import RunProgress, RuntimeFailure, RuntimeResult
from subgraphs.execution.runtimes.langflow_answer import clip, read_body, stream_error

USER_SENDER = "User"  # MESSAGE_SENDER_USER in src/lfx/src/lfx/utils/constants.py


def is_event_stream(response: httpx.Response) -> bool:
    content_type: str = response.headers.get("content-type", "")
    return content_type.startswith("text/event-stream")


class StreamedRun:
    """The state of one streamed run: the text of each message the flow produced so far (not
    the user's own), and the failure Langflow reported, if any."""

    def __init__(self, progress: RunProgress) -> None:
        self._progress = progress
        self._texts: dict[str, str] = {}
        self._from_tokens: set[str] = set()  # messages whose text is built from tokens
        self._error: str | None = None  # the run's error, as it will be stored
        self._final_error = False

    def event(self, event: Any) -> RuntimeResult | None:
        """Apply one event; the run's result once Langflow sent `end`."""
        if not isinstance(event, dict):
            return None
        kind, data = event.get("event"), event.get("data")
        if not isinstance(data, dict):
            return None
        if kind == "add_message":
            self._message(data)
        elif kind == "token":
            self._token(data)
        elif kind == "error":
            self._failed(data)
        elif kind == "end":
            return read_body(data.get("result"))
        return None

    def failure(self) -> RuntimeFailure:
        """Why the stream ended without `end`: Langflow's error, or a broken stream."""
        if self._error is not None:
            return RuntimeFailure(self._error)
        return RuntimeFailure(
            "Langflow's stream ended before the flow finished; the flow may have run, so it "
            "is not run again"
        )

    def _message(self, data: dict[str, Any]) -> None:
        text = data.get("text")
        if data.get("sender") == USER_SENDER or not isinstance(text, str):
            return
        key = str(data.get("id") or "")
        # A message sent again whole (Chat Output adds its usage) replaces what tokens built.
        self._from_tokens.discard(key)
        self._show(key, text)

    def _token(self, data: dict[str, Any]) -> None:
        chunk = data.get("chunk")
        if not isinstance(chunk, str):
            return
        key = str(data.get("id") or "")
        if key not in self._from_tokens:
            # The announcing add_message held the first chunk, which comes again as a token.
            self._from_tokens.add(key)
            self._texts[key] = ""
        self._show(key, self._texts[key] + chunk)

    def _show(self, key: str, text: str) -> None:
        self._texts[key] = text
        if text:
            self._progress.output(text)

    def _failed(self, data: dict[str, Any]) -> None:
        error = data.get("error")
        if isinstance(error, str) and error.strip():
            self._error, self._final_error = stream_error(error), True
            return
        text = data.get("text")  # an error Message from the failing component
        if isinstance(text, str) and text.strip() and not self._final_error:
            self._error = self._error or f"Langflow error: {clip(text)}"


async def read_events(response: httpx.Response, progress: RunProgress) -> RuntimeResult:
    """Follow the stream until `end`; raise RuntimeFailure if it ends without one."""
    run = StreamedRun(progress)
    async for line in response.aiter_lines():
        if not line.strip():
            continue
        try:
            event = json.loads(line)
        except ValueError:
            continue  # not an event of Langflow's; an `end` is what counts
        result = run.event(event)
        if result is not None:
            return result
    raise run.failure()
