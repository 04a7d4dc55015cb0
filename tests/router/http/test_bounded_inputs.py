"""Inputs the router refuses before they cost anything, over real HTTP: bodies past the size
limit (counted as they arrive — a chunked body without Content-Length too — and answered 413
with the connection closed, so the rest is never read), JSON nested past the nesting limit in a
body or in GET parameters (400 with a clear message: orjson cannot send such variables on, so
they used to be a 500), and a malformed persisted-query hash (400, not a cache miss). Nothing
reaches a subgraph, and the router keeps serving."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from router.http.options import HttpOptions
from tests.router.conftest import Stack
from tests.router.http.support import JSON_HEADERS, served
from tests.support.chunked import stream_chunked

ME = "{ me { name } }"
LIMIT = 1_000_000


def nested(depth: int) -> Any:
    value: Any = "bottom"
    for _ in range(depth):
        value = [value]
    return value


def endpoint_of(client: httpx.AsyncClient) -> tuple[str, int]:
    url = client.base_url
    assert url.port is not None
    return url.host, url.port


async def still_serving(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"query": ME})
    assert response.json() == {"data": {"me": {"name": "Ada Lovelace"}}}


async def test_a_chunked_body_past_the_limit_is_cut_off_at_the_limit(shop_stack: Stack) -> None:
    async with served(shop_stack, HttpOptions(max_request_bytes=LIMIT)) as client:
        host, port = endpoint_of(client)
        flood = await stream_chunked(
            host, port, "/graphql", {"Content-Type": "application/json"}, 64 * 2**20
        )
        # Just past the limit, then silence: the answer itself, deterministically.
        past = await stream_chunked(
            host, port, "/graphql", {"Content-Type": "application/json"}, LIMIT + 65536, False
        )
        await still_serving(client)
    # The router stopped reading at the limit and hung up: what we managed to send is the
    # limit plus what the sockets' buffers held, far from the 64 MB we meant to send.
    assert flood.refused and not flood.stalled
    assert flood.sent < LIMIT + 16 * 2**20
    assert past.status == 413
    assert b"PAYLOAD_TOO_LARGE" in past.response
    assert b"connection: close" in past.response.lower()
    assert len(shop_stack.requests_to("accounts")) == 1  # only still_serving's


async def test_a_declared_length_past_the_limit_is_refused_unread_on_every_route(
    shop_stack: Stack,
) -> None:
    async with served(shop_stack, HttpOptions(max_request_bytes=LIMIT)) as client:
        for path in ("/graphql", "/health", "/anything"):
            response = await client.post(path, content=b"{" * (LIMIT + 1), headers=JSON_HEADERS)
            assert response.status_code == 413, path
            assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
        await still_serving(client)


@pytest.mark.parametrize("depth", [70, 300, 5000])
async def test_deeply_nested_variables_are_a_400_with_a_clear_message(
    shop_stack: Stack, depth: int
) -> None:
    """300 levels used to pass the parser and fail when re-serialised for the subgraph (500);
    5,000 is past orjson's own ceiling."""
    deep = "[" * depth + "]" * depth
    body = b'{"query": "query($v: String) { me { name } }", "variables": {"v": '
    body += deep.encode() + b"}}"
    async with served(shop_stack) as client:
        response = await client.post("/graphql", content=body, headers=JSON_HEADERS)
        get = await client.get(
            "/graphql",
            params={"query": ME, "variables": '{"v": ' + deep + "}"},
            headers={"apollo-require-preflight": "true"},
        )
        await still_serving(client)
    for refused, what in ((response, "the body"), (get, "the variables parameter")):
        assert refused.status_code == 400
        (error,) = refused.json()["errors"]
        assert error["message"] == f"{what} nests JSON deeper than 64 levels"
        assert error["extensions"]["code"] == "BAD_REQUEST"
    assert len(shop_stack.requests_to("accounts")) == 1  # only still_serving's


async def test_nesting_within_the_limit_is_served(shop_stack: Stack) -> None:
    async with served(shop_stack) as client:
        response = await client.post(
            "/graphql", json={"query": ME, "extensions": {"deep": nested(60)}}
        )
    assert response.status_code == 200
    assert response.json() == {"data": {"me": {"name": "Ada Lovelace"}}}


async def test_the_nesting_limit_is_configurable(shop_stack: Stack) -> None:
    async with served(shop_stack, HttpOptions(max_json_depth=5)) as client:
        response = await client.post(
            "/graphql", json={"query": ME, "extensions": {"deep": nested(5)}}
        )
    assert response.status_code == 400
    assert "deeper than 5 levels" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize("sha", [123, None, "", ["abc"], {"x": 1}])
async def test_a_persisted_query_hash_that_is_not_a_string_is_a_400(
    shop_stack: Stack, sha: object
) -> None:
    async with served(shop_stack) as client:
        response = await client.post(
            "/graphql",
            json={"extensions": {"persistedQuery": {"version": 1, "sha256Hash": sha}}},
        )
        await still_serving(client)
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "BAD_REQUEST"
    assert "sha256Hash must be a non-empty string" in error["message"]


def test_a_response_deeper_than_orjson_allows_is_still_sent() -> None:
    """A subgraph's JSON scalar (a flow's output) may nest past orjson's 254 levels."""
    from router.http.endpoint import _dumps

    data = {"data": {"run": {"output": nested(300)}}}
    assert json.loads(_dumps(data)) == data
