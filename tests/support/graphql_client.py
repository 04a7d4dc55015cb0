"""How tests POST GraphQL: the JSON body back whatever the status (tests assert it)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from kernel.auth.authenticate import SERVICE_TOKEN_HEADER

GraphQLPost = Callable[..., Awaitable[dict[str, Any]]]


def graphql_poster(client: Callable[[], httpx.AsyncClient], service_token: str) -> GraphQLPost:
    """A poster over `client()` (one shared client, or one picked per request)."""

    async def post(
        url: str,
        query: str,
        variables: dict[str, Any] | None = None,
        token: str | None = None,
        headers: dict[str, str] | None = None,
        service: bool = False,
    ) -> dict[str, Any]:
        sent = dict(headers or {})
        if token:
            sent["Authorization"] = f"Bearer {token}"
        if service:
            sent[SERVICE_TOKEN_HEADER] = service_token
        response = await client().post(
            url, json={"query": query, "variables": variables}, headers=sent
        )
        body: dict[str, Any] = response.json()
        return body

    return post
