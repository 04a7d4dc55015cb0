"""GraphQL calls from one subgraph of ours to another, with the service credential.

One `gql` client (one httpx connection pool) per target per process: `connect` at startup,
`aclose` at shutdown. Every failure — connection, HTTP status, GraphQL error, odd answer —
becomes a CmpFailure UNAVAILABLE naming the target, so callers never leak a stack trace.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import httpx
from gql import Client, GraphQLRequest
from gql.transport.exceptions import TransportQueryError
from gql.transport.httpx import HTTPXAsyncTransport

from kernel.auth.authenticate import SERVICE_TOKEN_HEADER
from kernel.errors import CmpErrorCode, CmpFailure

log = logging.getLogger(__name__)


class ServiceClient:
    """A GraphQL client for one target. `internal` builds one for our own subgraphs (service
    credential); other targets (Saleor with an app token) pass their own headers."""

    @classmethod
    def internal(
        cls,
        name: str,
        url: str,
        service_token: str,
        timeout_seconds: float = 10.0,
        http_transport: httpx.AsyncBaseTransport | None = None,
    ) -> ServiceClient:
        return cls(
            name, url, {SERVICE_TOKEN_HEADER: service_token}, timeout_seconds, http_transport
        )

    def __init__(
        self,
        name: str,
        url: str,
        headers: Mapping[str, str],
        timeout_seconds: float = 10.0,
        http_transport: httpx.AsyncBaseTransport | None = None,
        max_connections: int = 100,
        keepalive_expiry_seconds: float = 2.0,
    ) -> None:
        self.name = name
        self.url = url
        options: dict[str, Any] = {
            "headers": dict(headers),
            "timeout": httpx.Timeout(timeout_seconds),
            # Idle sockets expire before the server's keep-alive closes them under us.
            "limits": httpx.Limits(
                max_connections=max_connections,
                max_keepalive_connections=20,
                keepalive_expiry=keepalive_expiry_seconds,
            ),
        }
        if http_transport is not None:
            options["transport"] = http_transport
        self._client = Client(
            transport=HTTPXAsyncTransport(url=url, **options), fetch_schema_from_transport=False
        )
        self._session: Any = None
        self._documents: dict[str, GraphQLRequest] = {}

    def unavailable(self, error: BaseException | None = None) -> CmpFailure:
        if error is not None:
            log.warning("%s call failed: %r", self.name, error)
        return CmpFailure(CmpErrorCode.UNAVAILABLE, f"{self.name} is unavailable; try again later")

    async def connect(self) -> None:
        if self._session is None:
            self._session = await self._client.connect_async(reconnecting=False)

    async def aclose(self) -> None:
        if self._session is not None:
            self._session = None
            await self._client.close_async()

    async def execute(
        self, document: str, variables: dict[str, Any], read_only: bool = False
    ) -> dict[str, Any]:
        """Run `document` (parsed once and cached) and return its `data`. A read-only query
        is retried once after a transport failure; GraphQL errors are never retried."""
        if self._session is None:
            raise self.unavailable(RuntimeError(f"{self.name} client is not connected"))
        parsed = self._documents.get(document)
        if parsed is None:
            parsed = self._documents[document] = GraphQLRequest(document)
        attempts = 2 if read_only else 1
        for attempt in range(1, attempts + 1):
            try:
                data = await self._session.execute(
                    GraphQLRequest(parsed, variable_values=variables)
                )
            except TransportQueryError as error:
                raise self.unavailable(error) from error
            except Exception as error:  # transport and HTTP failures alike
                if attempt == attempts:
                    raise self.unavailable(error) from error
                continue
            if not isinstance(data, dict):
                raise self.unavailable(ValueError(f"unexpected answer {data!r}"))
            return data
        raise AssertionError("unreachable")
