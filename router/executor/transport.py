"""POSTs to subgraphs. Anything that is not a GraphQL response (refused connection, timeout,
5xx without a GraphQL body, non-JSON) becomes a FetchFailure the executor turns into errors on
the affected fields."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

SUBREQUEST_HTTP_ERROR = "SUBREQUEST_HTTP_ERROR"
SUBREQUEST_TIMEOUT = "SUBREQUEST_TIMEOUT"
FETCH_FAILURE_CODES = frozenset({SUBREQUEST_HTTP_ERROR, SUBREQUEST_TIMEOUT})
_BASE_HEADERS = {"accept": "application/json"}


class FetchFailure(Exception):
    def __init__(self, message: str, code: str = SUBREQUEST_HTTP_ERROR) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class SubgraphResponse:
    data: dict[str, Any] | None
    errors: list[dict[str, Any]]
    # Only the response headers the caller asked to keep, every value of each (Set-Cookie).
    headers: list[tuple[str, str]] = field(default_factory=list)


class SubgraphTransport:
    def __init__(
        self, timeout_seconds: float = 30.0, client: httpx.AsyncClient | None = None
    ) -> None:
        self.timeout_seconds = timeout_seconds
        self._client = client or httpx.AsyncClient(
            timeout=httpx.Timeout(timeout_seconds),
            limits=httpx.Limits(max_connections=200, max_keepalive_connections=50),
        )

    async def close(self) -> None:
        await self._client.aclose()

    async def post(
        self,
        url: str,
        body: dict[str, Any],
        headers: Mapping[str, str] | None = None,
        timeout_seconds: float | None = None,
        keep_headers: Collection[str] = (),
    ) -> SubgraphResponse:
        sent = {**headers, **_BASE_HEADERS} if headers else _BASE_HEADERS
        timeout = self.timeout_seconds if timeout_seconds is None else timeout_seconds
        try:
            response = await self._client.post(url, json=body, headers=sent, timeout=timeout)
        except httpx.TimeoutException as error:
            raise FetchFailure(
                f"timed out after {timeout:g}s ({type(error).__name__})", SUBREQUEST_TIMEOUT
            ) from error
        except httpx.HTTPError as error:
            raise FetchFailure(f"{type(error).__name__}: {error}") from error
        try:
            payload = response.json()
        except ValueError as error:
            raise FetchFailure(f"HTTP {response.status_code}: the response is not JSON") from error
        if not isinstance(payload, dict) or ("data" not in payload and "errors" not in payload):
            raise FetchFailure(f"HTTP {response.status_code}: not a GraphQL response")
        data = payload.get("data")
        errors = payload.get("errors") or []
        if response.status_code >= 400 and data is None and not errors:
            raise FetchFailure(f"HTTP {response.status_code}")
        kept = [(name, value) for name in keep_headers for value in response.headers.get_list(name)]
        return SubgraphResponse(
            data if isinstance(data, dict) else None,
            [e for e in errors if isinstance(e, dict)] if isinstance(errors, list) else [],
            kept,
        )
