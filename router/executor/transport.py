"""POSTs to subgraphs. Anything that is not a GraphQL response (refused connection, timeout,
5xx without a GraphQL body, non-JSON) becomes a FetchFailure the executor turns into errors on
the affected fields.

The client is router.executor.http_pool (a lean keep-alive HTTP/1.1 pool on httptools) and
bodies are orjson: this is the router's hot path (figures in bench/README.md)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson

from router.executor.dedup import InflightDeduplicator
from router.executor.http_pool import ConnectFailed, HttpPool, HttpResponse

SUBREQUEST_HTTP_ERROR = "SUBREQUEST_HTTP_ERROR"
SUBREQUEST_TIMEOUT = "SUBREQUEST_TIMEOUT"
FETCH_FAILURE_CODES = frozenset({SUBREQUEST_HTTP_ERROR, SUBREQUEST_TIMEOUT})
_REQUEST_ID = "x-request-id"
_BASE_HEADERS = {"accept": "application/json", "content-type": "application/json"}
# Below the 5 s idle timeout of uvicorn (the subgraphs' server), so a pooled connection is never
# one the subgraph is closing at that moment.
KEEPALIVE_SECONDS = 4.0


class FetchFailure(Exception):
    """`public`: the message is the router's own words (no address, no exception text), so
    the client may read it."""

    def __init__(
        self, message: str, code: str = SUBREQUEST_HTTP_ERROR, public: bool = False
    ) -> None:
        super().__init__(message)
        self.code = code
        self.public = public


@dataclass(frozen=True)
class SubgraphResponse:
    data: dict[str, Any] | None
    errors: list[dict[str, Any]]
    # Only the response headers the caller asked to keep, every value of each (Set-Cookie).
    headers: list[tuple[str, str]] = field(default_factory=list)
    status: int = 200  # the HTTP status it came with (for traces)


class SubgraphTransport:
    def __init__(self, timeout_seconds: float = 30.0, max_connections: int = 200) -> None:
        self.timeout_seconds = timeout_seconds
        self.max_connections = max_connections  # kept for callers; the pool bounds idle ones
        self._pool: HttpPool | None = None
        self.inflight: InflightDeduplicator[HttpResponse] = InflightDeduplicator()

    def _client(self) -> HttpPool:
        # Created on first use: its connections belong to the running event loop.
        if self._pool is None:
            self._pool = HttpPool(KEEPALIVE_SECONDS, _BASE_HEADERS)
        return self._pool

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()
            self._pool = None

    def _check(self, url: str) -> None:
        """Refuse a URL before anything is sent (raises FetchFailure); any URL by default."""

    async def post(
        self,
        url: str,
        body: dict[str, Any] | bytes,
        headers: Mapping[str, str] | None = None,
        timeout_seconds: float | None = None,
        keep_headers: Collection[str] = (),
        deduplicate: bool = False,
        query: bool = False,
    ) -> SubgraphResponse:
        """`body` is the request object, or its JSON already encoded. `query`: safe to send
        again (on a stale pooled connection). With `deduplicate`, an identical request already
        in flight is waited for instead of sent (queries only)."""
        self._check(url)
        sent = headers or {}  # the pool adds _BASE_HEADERS, which win over these
        seconds = self.timeout_seconds if timeout_seconds is None else timeout_seconds
        payload = body if isinstance(body, bytes) else orjson.dumps(body)
        pool = self._client()
        try:
            if deduplicate:
                # The request id differs per client request and is not a credential.
                key = (url, payload, tuple(i for i in sent.items() if i[0] != _REQUEST_ID))
                response = await self.inflight.run(
                    key, lambda: pool.post(url, sent, payload, seconds, retry_stale=query)
                )
            else:
                response = await pool.post(url, sent, payload, seconds, retry_stale=query)
        except TimeoutError as error:
            raise FetchFailure(f"timed out after {seconds:g}s", SUBREQUEST_TIMEOUT) from error
        except ConnectFailed as error:
            # The address is for the log (operators); clients never see this message.
            raise FetchFailure(f"ConnectError: {url}: {error}") from error
        except (OSError, ValueError) as error:
            raise FetchFailure(f"{type(error).__name__}: {url}: {error}") from error
        kept: list[tuple[str, str]] = []
        if keep_headers:
            kept = [
                (name.decode("latin-1"), value.decode("latin-1"))
                for name, value in response.headers
                if name.decode("latin-1") in keep_headers
            ]
        return _graphql_response(response.status, response.body, kept)


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
        status,
    )
