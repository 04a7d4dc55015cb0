"""POSTs to subgraphs. Anything that is not a GraphQL response (refused connection, timeout,
5xx without a GraphQL body, non-JSON) becomes a FetchFailure the executor turns into errors on
the affected fields."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx


class FetchFailure(Exception):
    pass


@dataclass(frozen=True)
class SubgraphResponse:
    data: dict[str, Any] | None
    errors: list[dict[str, Any]]


class SubgraphTransport:
    def __init__(
        self, timeout_seconds: float = 30.0, client: httpx.AsyncClient | None = None
    ) -> None:
        self._client = client or httpx.AsyncClient(
            timeout=httpx.Timeout(timeout_seconds),
            limits=httpx.Limits(max_connections=200, max_keepalive_connections=50),
        )

    async def close(self) -> None:
        await self._client.aclose()

    async def post(self, url: str, body: dict[str, Any]) -> SubgraphResponse:
        try:
            response = await self._client.post(
                url, json=body, headers={"accept": "application/json"}
            )
        except httpx.TimeoutException as error:
            raise FetchFailure(f"timed out ({type(error).__name__})") from error
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
        return SubgraphResponse(
            data if isinstance(data, dict) else None,
            [e for e in errors if isinstance(e, dict)] if isinstance(errors, list) else [],
        )
