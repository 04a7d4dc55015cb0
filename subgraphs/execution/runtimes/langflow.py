"""Langflow: `POST {LANGFLOW_URL}/api/v1/run/{flowId}?stream=true` with `x-api-key`.

Request body: input_value / input_type / output_type / tweaks (only what the run's validated
input holds) / session_id (the run's id). Every call streams (LANGFLOW_STREAM, on by default):
Langflow's `stream` parameter is applied to every component that has a `stream` field
(`process_tweaks`, src/lfx/src/lfx/processing/process.py), so a model streams its tokens and a
flow without one sends its messages whole; either way the stream ends with the same RunResponse
the non-streaming call answers (`langflow_stream` reads the events, `langflow_answer` the
answer). A Langflow that answers JSON instead is read as before.

Retries: Langflow does not stop a non-streaming run when its client goes away (1.13 cancels a
streamed one, but only once it notices, and what the flow did by then stays done), so a call is
repeated only when the flow certainly did not run — the connection could not be made, or a proxy in
front of Langflow answered 502/503/504 (a body that is not Langflow's). A timeout, a
connection or stream broken mid-call, a stream that ends without its result, or any answer from
Langflow itself (its 500 or its stream's `error` is the flow's own error) is final: the flow may
have run, and running it again costs its models again. The call tells the worker, through
RunProgress, when the flow may have started (for a worker that stops mid-call).
"""

from __future__ import annotations

import asyncio
import random
from typing import Any

import httpx

from subgraphs.execution.runtimes.base import RunProgress, RuntimeFailure, RuntimeResult
from subgraphs.execution.runtimes.langflow_answer import (
    error_message,
    is_langflow_error,
    read_answer,
)
from subgraphs.execution.runtimes.langflow_stream import is_event_stream, read_events
from subgraphs.execution.runtimes.run_input import (
    DEFAULT_TYPE,
    InputRefused,
    check_shape,
    input_text,
)

GATEWAY_ERRORS = frozenset({502, 503, 504})
# Failures raised before the request was sent: the flow cannot have started.
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


class LangflowRuntime:
    name = "langflow"

    def __init__(
        self,
        base_url: str,
        api_key: str,
        timeout_seconds: float = 120.0,
        attempts: int = 3,
        backoff_seconds: float = 0.5,
        stream: bool = True,
        http_transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._base_url = base_url.rstrip("/")
        self._api_key = api_key
        self._timeout = timeout_seconds
        self._attempts = max(1, attempts)
        self._backoff = backoff_seconds
        self._stream = stream
        self._http = httpx.AsyncClient(
            timeout=httpx.Timeout(timeout_seconds, connect=10.0),
            # A fresh connection per call: a pooled one that the server closed while idle
            # breaks only once the request is sent, and such a call cannot be retried.
            limits=httpx.Limits(max_keepalive_connections=0),
            transport=http_transport,
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    def _body(self, run_input: Any, session_id: str) -> dict[str, Any]:
        if isinstance(run_input, str):  # runs queued before inputs were objects
            run_input = {"input_value": run_input}
        try:
            checked = check_shape(run_input)
        except InputRefused as refused:
            # Never send it: Langflow would run the flow on its defaults.
            raise RuntimeFailure(f"the run's input is malformed: {refused.message}") from None
        body: dict[str, Any] = {
            "input_value": input_text(checked["input_value"]),
            "input_type": checked.get("input_type", DEFAULT_TYPE),
            "output_type": checked.get("output_type", DEFAULT_TYPE),
            "session_id": session_id,
        }
        if checked.get("tweaks"):
            body["tweaks"] = checked["tweaks"]
        return body

    async def run(
        self,
        flow_id: str,
        run_input: Any,
        session_id: str,
        progress: RunProgress | None = None,
    ) -> RuntimeResult:
        progress = progress or RunProgress()
        url = f"{self._base_url}/api/v1/run/{flow_id}"
        body = self._body(run_input, session_id)
        last_error = "Langflow did not answer"
        for attempt in range(self._attempts):
            if attempt:
                await asyncio.sleep(self._backoff * 2 ** (attempt - 1) * (1 + random.random() / 4))  # noqa: S311
            progress.sending()
            outcome = await self._call(url, body, progress)
            if isinstance(outcome, RuntimeResult):
                return outcome
            progress.not_sent()
            last_error = outcome
        raise RuntimeFailure(last_error, retryable=True)

    async def _call(
        self, url: str, body: dict[str, Any], progress: RunProgress
    ) -> RuntimeResult | str:
        """One call: its result, or why it certainly did not reach the flow (to try again).
        A failure after the flow may have started raises RuntimeFailure (final)."""
        headers = {"x-api-key": self._api_key} if self._api_key else {}
        params = {"stream": "true"} if self._stream else None
        try:
            # One deadline for the whole call: a stream that keeps sending is no reason to
            # let a run go on longer than a non-streaming call may.
            async with (
                asyncio.timeout(self._timeout),
                self._http.stream(
                    "POST", url, params=params, json=body, headers=headers
                ) as response,
            ):
                if response.status_code >= 400:
                    await response.aread()
                    if response.status_code in GATEWAY_ERRORS and not is_langflow_error(response):
                        return f"Langflow is unavailable ({response.status_code} from its gateway)"
                    raise RuntimeFailure(
                        f"Langflow error {response.status_code}: {error_message(response)}"
                    )
                if is_event_stream(response):
                    return await read_events(response, progress)
                await response.aread()  # a Langflow that does not stream answers at the end
                return read_answer(response)
        except NOT_SENT as error:
            return f"Langflow is unreachable ({type(error).__name__})"
        except (TimeoutError, httpx.TimeoutException):
            raise RuntimeFailure(
                f"Langflow did not answer within {self._timeout:g} s; the flow may still "
                "be running, so it is not run again"
            ) from None
        except httpx.TransportError as error:
            raise RuntimeFailure(
                f"the connection to Langflow broke during the call ({type(error).__name__}); "
                "the flow may have run, so it is not run again"
            ) from None
