"""POSTs to subgraphs. Anything that is not a GraphQL response (refused connection, timeout,
5xx without a GraphQL body, non-JSON) becomes a FetchFailure the executor turns into errors on
the affected fields.

aiohttp and orjson rather than httpx and json: this is the router's hot path, and httpcore's
pool bookkeeping cost more CPU than everything else the router did per request (measured with
py-spy; figures in the README's benchmarks)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import orjson

SUBREQUEST_HTTP_ERROR = "SUBREQUEST_HTTP_ERROR"
SUBREQUEST_TIMEOUT = "SUBREQUEST_TIMEOUT"
FETCH_FAILURE_CODES = frozenset({SUBREQUEST_HTTP_ERROR, SUBREQUEST_TIMEOUT})
_BASE_HEADERS = {"accept": "application/json", "content-type": "application/json"}
# Below the 5 s idle timeout of uvicorn (the subgraphs' server), so a pooled connection is never
# one the subgraph is closing at that moment.
KEEPALIVE_SECONDS = 4.0


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
    def __init__(self, timeout_seconds: float = 30.0, max_connections: int = 200) -> None:
        self.timeout_seconds = timeout_seconds
        self.max_connections = max_connections
        self._session: aiohttp.ClientSession | None = None
        self._timeouts: dict[float, aiohttp.ClientTimeout] = {}

    def _client(self) -> aiohttp.ClientSession:
        # Created on first use: a session belongs to the running event loop.
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(
                    limit=self.max_connections, keepalive_timeout=KEEPALIVE_SECONDS
                ),
                skip_auto_headers=("User-Agent",),
            )
        return self._session

    def _timeout(self, seconds: float) -> aiohttp.ClientTimeout:
        timeout = self._timeouts.get(seconds)
        if timeout is None:
            timeout = self._timeouts[seconds] = aiohttp.ClientTimeout(total=seconds)
        return timeout

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def post(
        self,
        url: str,
        body: dict[str, Any],
        headers: Mapping[str, str] | None = None,
        timeout_seconds: float | None = None,
        keep_headers: Collection[str] = (),
    ) -> SubgraphResponse:
        sent = {**headers, **_BASE_HEADERS} if headers else _BASE_HEADERS
        seconds = self.timeout_seconds if timeout_seconds is None else timeout_seconds
        try:
            async with self._client().post(
                url,
                data=orjson.dumps(body),
                headers=sent,
                timeout=self._timeout(seconds),
            ) as response:
                status = response.status
                raw = await response.read()
                kept = [
                    (name, value)
                    for name in keep_headers
                    for value in response.headers.getall(name, ())
                ]
        except TimeoutError as error:
            raise FetchFailure(f"timed out after {seconds:g}s", SUBREQUEST_TIMEOUT) from error
        except aiohttp.ClientConnectorError as error:
            raise FetchFailure(f"ConnectError: {error.os_error or error}") from error
        except (aiohttp.ClientError, OSError) as error:
            raise FetchFailure(f"{type(error).__name__}: {error}") from error
        return _graphql_response(status, raw, kept)


def _graphql_response(status: int, raw: bytes, kept: list[tuple[str, str]]) -> SubgraphResponse:
    try:
        payload = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise FetchFailure(f"HTTP {status}: the response is not JSON") from error
    if not isinstance(payload, dict) or ("data" not in payload and "errors" not in payload):
        raise FetchFailure(f"HTTP {status}: not a GraphQL response")
    data = payload.get("data")
    errors = payload.get("errors") or []
    if status >= 400 and data is None and not errors:
        raise FetchFailure(f"HTTP {status}")
    return SubgraphResponse(
        data if isinstance(data, dict) else None,
        [e for e in errors if isinstance(e, dict)] if isinstance(errors, list) else [],
        kept,
    )
