"""Langflow: `POST {LANGFLOW_URL}/api/v1/run/{flowId}` with `x-api-key`.

Request body: input_value / input_type / output_type / tweaks / session_id. The answer's text is
`outputs[0].outputs[0].results.message.text`; token usage, where the flow's model reported it,
sits in the message's `properties.usage` (or `data.properties.usage`). 5xx answers and
connection errors are retried with exponential backoff; 4xx answers are final.
"""

from __future__ import annotations

import asyncio
import random
from typing import Any

import httpx

from subgraphs.execution.runtimes.base import RuntimeFailure, RuntimeResult


class LangflowRuntime:
    name = "langflow"

    def __init__(
        self,
        base_url: str,
        api_key: str = "",
        timeout_seconds: float = 120.0,
        attempts: int = 3,
        backoff_seconds: float = 0.5,
        http_transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._base_url = base_url.rstrip("/")
        self._api_key = api_key
        self._attempts = max(1, attempts)
        self._backoff = backoff_seconds
        self._http = httpx.AsyncClient(
            timeout=httpx.Timeout(timeout_seconds, connect=10.0), transport=http_transport
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    def _body(self, run_input: Any, session_id: str) -> dict[str, Any]:
        if isinstance(run_input, dict):
            value = run_input.get("input_value", run_input.get("text", ""))
            return {
                "input_value": value if isinstance(value, str) else str(value),
                "input_type": run_input.get("input_type", "chat"),
                "output_type": run_input.get("output_type", "chat"),
                "tweaks": run_input.get("tweaks") or {},
                "session_id": session_id,
            }
        return {
            "input_value": run_input if isinstance(run_input, str) else str(run_input),
            "input_type": "chat",
            "output_type": "chat",
            "tweaks": {},
            "session_id": session_id,
        }

    async def run(self, flow_id: str, run_input: Any, session_id: str) -> RuntimeResult:
        url = f"{self._base_url}/api/v1/run/{flow_id}"
        headers = {"x-api-key": self._api_key} if self._api_key else {}
        body = self._body(run_input, session_id)
        last_error = "Langflow did not answer"
        for attempt in range(self._attempts):
            if attempt:
                await asyncio.sleep(self._backoff * 2 ** (attempt - 1) * (1 + random.random() / 4))  # noqa: S311
            try:
                response = await self._http.post(url, json=body, headers=headers)
            except httpx.TimeoutException:
                last_error = "Langflow timed out"
                continue
            except httpx.TransportError as error:
                last_error = f"Langflow is unreachable ({type(error).__name__})"
                continue
            if response.status_code >= 500:
                last_error = f"Langflow failed with {response.status_code}: {_detail(response)}"
                continue
            if response.status_code >= 400:
                raise RuntimeFailure(
                    f"Langflow refused the run with {response.status_code}: {_detail(response)}"
                )
            return _result(response)
        raise RuntimeFailure(last_error, retryable=True)


def _detail(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:200]
    detail = body.get("detail") if isinstance(body, dict) else None
    return str(detail if detail is not None else body)[:200]


def _result(response: httpx.Response) -> RuntimeResult:
    try:
        body = response.json()
        message = body["outputs"][0]["outputs"][0]["results"]["message"]
        text = message["text"] if isinstance(message, dict) else str(message)
    except (ValueError, KeyError, IndexError, TypeError) as error:
        raise RuntimeFailure("Langflow answered without a message text") from error
    usage = _usage(message) if isinstance(message, dict) else {}
    return RuntimeResult(
        output={"text": text, "sessionId": body.get("session_id")},
        input_tokens=_int(usage.get("input_tokens", usage.get("prompt_tokens"))),
        output_tokens=_int(usage.get("output_tokens", usage.get("completion_tokens"))),
    )


def _usage(message: dict[str, Any]) -> dict[str, Any]:
    for holder in (message, message.get("data") or {}):
        properties = holder.get("properties") if isinstance(holder, dict) else None
        usage = properties.get("usage") if isinstance(properties, dict) else None
        if isinstance(usage, dict):
            return usage
    return {}


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
