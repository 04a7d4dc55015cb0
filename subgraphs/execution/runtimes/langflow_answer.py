"""Reading Langflow's answers: a run's outputs, its token usage, and its error messages.

A run answers `RunResponse`: `outputs[i].outputs[j]` is one output component's `ResultData`
(src/lfx/src/lfx/graph/schema.py), whose `results` maps the component's output names to their
values — `message` (Chat Output), `text` (Text Output), `data` or any other name — a Message
(a dict with `text`), a Data (a dict with `data`), a list of records or a plain value.

Errors: Langflow's own failures answer `{"detail": "<ExceptionBody as JSON text>"}` whose
`message` is what went wrong (src/backend/base/langflow/exceptions/api.py), e.g. "Error
running graph: Error building Component X: \n\n<the component's error>"; its refusals answer
`{"detail": "text"}`, `{"detail": {"message": ..., "fields": [...]}}` (a protected tweak, 422)
or, for FastAPI's validation, `{"detail": [{"loc": [...], "msg": ...}]}`.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from subgraphs.execution.runtimes.base import RuntimeFailure, RuntimeResult

MAX_ERROR = 2000  # characters of Langflow's message kept in the run's error


def read_answer(response: httpx.Response) -> RuntimeResult:
    """A non-streaming call's answer: the RunResponse as its body."""
    try:
        body = response.json()
    except ValueError as error:
        raise RuntimeFailure("Langflow answered 200 without JSON") from error
    return read_body(body)


def read_body(body: Any) -> RuntimeResult:
    """A RunResponse, whether it came as the body or in a stream's `end` event."""
    outputs: list[dict[str, Any]] = []
    usage: dict[str, Any] = {}
    for result in _result_data(body):
        component = result.get("component_id")
        for kind, value in result["results"].items():
            entry = _output(component, str(kind), value)
            if entry is None:
                continue
            outputs.append(entry)
            if not usage and isinstance(value, dict):
                usage = _usage(value)
    if not outputs:
        raise RuntimeFailure("Langflow answered without any output (message, text or data)")
    text = next((entry["text"] for entry in outputs if "text" in entry), None)
    return RuntimeResult(
        # `text` and `sessionId` as before (a chat flow's answer); `outputs` holds every one.
        output={"text": text, "sessionId": body.get("session_id"), "outputs": outputs},
        input_tokens=_int(usage.get("input_tokens", usage.get("prompt_tokens"))),
        output_tokens=_int(usage.get("output_tokens", usage.get("completion_tokens"))),
    )


def _result_data(body: Any) -> list[dict[str, Any]]:
    if not isinstance(body, dict) or not isinstance(body.get("outputs"), list):
        return []
    found = []
    for run_output in body["outputs"]:
        results = run_output.get("outputs") if isinstance(run_output, dict) else None
        for result in results if isinstance(results, list) else []:
            if isinstance(result, dict) and isinstance(result.get("results"), dict):
                found.append(result)
    return found


def _output(component: Any, kind: str, value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    entry: dict[str, Any] = {
        "componentId": component if isinstance(component, str) else None,
        "kind": kind,
    }
    if isinstance(value, str):
        entry["text"] = value
    elif isinstance(value, dict) and isinstance(value.get("text"), str):
        entry["text"] = value["text"]  # a Message
    elif isinstance(value, dict) and isinstance(value.get("data"), dict) and "text_key" in value:
        entry["data"] = value["data"]  # a Data: its payload, not its wrapper
    else:
        entry["data"] = value
    return entry


def _usage(message: dict[str, Any]) -> dict[str, Any]:
    for holder in (message, message.get("data") or {}):
        properties = holder.get("properties") if isinstance(holder, dict) else None
        usage = properties.get("usage") if isinstance(properties, dict) else None
        if isinstance(usage, dict):
            return usage
    return {}


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def is_langflow_error(response: httpx.Response) -> bool:
    """Whether Langflow itself (FastAPI) answered, rather than a proxy in front of it."""
    try:
        body = response.json()
    except ValueError:
        return False
    return isinstance(body, dict) and "detail" in body


def error_message(response: httpx.Response) -> str:
    """Langflow's own words for a failed call, never a raw body or a Python repr."""
    try:
        body = response.json()
    except ValueError:
        return _plain(response)
    detail = body.get("detail") if isinstance(body, dict) else None
    if isinstance(detail, str):
        return clip(_exception_message(detail) or detail)
    if isinstance(detail, list):
        problems = "; ".join(_validation_error(item) for item in detail)
        return clip(problems or response.reason_phrase)
    if isinstance(detail, dict) and "message" in detail:
        # e.g. 1.13's refusal of a protected tweak: {"error", "code", "message", "fields"}
        fields = detail.get("fields")
        named = f" ({', '.join(map(str, fields))})" if isinstance(fields, list) and fields else ""
        return clip(_joined(detail["message"]) + named)
    return _plain(response)


def stream_error(text: str) -> str:
    """A streamed run's `error` event, as the run's error. Langflow sends `str()` of what the
    flow raised: for its APIException (an HTTPException), "<status>: <ExceptionBody as JSON
    text>" — read as the non-streaming answer would be, status included; anything else (its
    refusal of the input, say) is the message itself."""
    status, _, detail = text.partition(": ")
    if len(status) == 3 and status.isdigit() and detail:
        return f"Langflow error {status}: {clip(_exception_message(detail) or detail)}"
    return f"Langflow error: {clip(text)}"


def _exception_message(detail: str) -> str | None:
    """The `message` of Langflow's ExceptionBody, which it sends as JSON text in `detail`."""
    try:
        parsed = json.loads(detail)
    except ValueError:
        return None
    if isinstance(parsed, dict) and parsed.get("message") is not None:
        return _joined(parsed["message"])
    return None


def _validation_error(item: Any) -> str:
    if not isinstance(item, dict):
        return str(item)
    where = ".".join(str(part) for part in item.get("loc") or [] if part != "body")
    message = str(item.get("msg", "invalid"))
    return f"{where}: {message}" if where else message


def _joined(message: Any) -> str:
    if isinstance(message, list):
        return "; ".join(str(part) for part in message)
    return str(message)


def _plain(response: httpx.Response) -> str:
    """A body that is not JSON (a proxy's page): its reason, not its HTML."""
    text = response.text.strip()
    if not text or text.startswith("<") or not text.isprintable():
        return response.reason_phrase or f"HTTP {response.status_code}"
    return clip(text)


def clip(text: str) -> str:
    """One line (Langflow's messages wrap the component's error in blank lines), bounded."""
    line = " ".join(text.split())
    return line if len(line) <= MAX_ERROR else line[: MAX_ERROR - 1] + "…"
