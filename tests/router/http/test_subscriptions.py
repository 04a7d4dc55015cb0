"""Subscriptions through the router over real sockets: the plan (primary subscription fetch,
rest per event), GraphQL over SSE and over graphql-transport-ws, every event resolved across
subgraphs, the subgraph subscription closed when the client leaves, protocol violations."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import aiohttp
import httpx
import orjson
import pytest
from graphql import parse

from bench.support.fixture_subgraph import FixtureSubgraph
from cmp.serving import RunningServer, start_server
from router.http import create_app
from router.http.event_stream import COMPLETE, KEEP_ALIVE, event_stream
from router.http.options import HttpOptions
from router.pipeline import Router, RouterConfig
from router.planner.normalize import normalize_operation
from router.supergraph import load_supergraph
from tests.router.fixtures.compose import supergraph_path
from tests.router.fixtures.live import LiveRuns, Script, build

SUBSCRIPTION = """
subscription Watch($id: ID!) {
  runUpdated(id: $id) { status step instance { name } }
}
"""


class Live:
    def __init__(self, runs: LiveRuns, catalog: FixtureSubgraph, router: RunningServer) -> None:
        self.runs = runs
        self.catalog = catalog
        self.router = router

    @property
    def url(self) -> str:
        return f"{self.router.url}/graphql"

    @property
    def ws_url(self) -> str:
        return self.url.replace("http://", "ws://")


@pytest.fixture(scope="module")
async def live_servers() -> AsyncIterator[tuple[LiveRuns, FixtureSubgraph, dict[str, str]]]:
    runs, catalog = build()
    assert isinstance(runs, LiveRuns)
    servers = [await start_server(runs.app()), await start_server(catalog.app())]
    yield (
        runs,
        catalog,
        {"runs": f"{servers[0].url}/graphql", "catalog": f"{servers[1].url}/graphql"},
    )
    for server in servers:
        await server.stop()


@pytest.fixture
async def live(
    live_servers: tuple[LiveRuns, FixtureSubgraph, dict[str, str]],
) -> AsyncIterator[Live]:
    runs, catalog, urls = live_servers
    runs.script = Script()
    runs.socket_headers.clear()
    runs.init_payloads.clear()
    catalog.requests.clear()
    router = Router(
        load_supergraph(supergraph_path("live").read_text()), RouterConfig(subgraph_urls=urls)
    )
    options = HttpOptions(csrf_required_headers=(), websocket_init_timeout_seconds=0.5)
    server = await start_server(create_app(router, options))
    yield Live(runs, catalog, server)
    await server.stop()


def _events(body: str) -> list[tuple[str, Any]]:
    """(event, parsed data) of each SSE block; comment lines (keep-alives) skipped."""
    events = []
    for block in body.split("\n\n"):
        fields: dict[str, str] = {}
        for line in block.splitlines():
            if line.startswith(":"):
                continue
            name, _, value = line.partition(":")
            fields[name] = value.strip()
        if fields:
            data = fields.get("data", "")
            events.append((fields["event"], orjson.loads(data) if data else None))
    return events


def test_the_plan_is_a_primary_subscription_and_a_rest_per_event() -> None:
    supergraph = load_supergraph(supergraph_path("live").read_text())
    router = Router(supergraph)
    operation = normalize_operation(supergraph.api_schema, parse(SUBSCRIPTION))
    plan = router.subscription_plans.plan(operation, frozenset())
    assert plan.primary.service == "runs"
    assert plan.primary.operation.startswith("subscription")
    assert str(plan) == (
        "QueryPlan {\n"
        "  Subscription {\n"
        "    Primary: {\n"
        '      Fetch(service: "runs") {\n'
        "        subscription {\n"
        "          runUpdated(id: $id) {\n"
        "            status\n"
        "            step\n"
        "            instance {\n"
        "              __typename\n"
        "              id\n"
        "            }\n"
        "          }\n"
        "        }\n"
        "      },\n"
        "    },\n"
        "    Rest: {\n"
        '      Flatten(path: "runUpdated.instance") {\n'
        '        Fetch(service: "catalog") {\n'
        "          {\n"
        "            ... on Instance {\n"
        "              __typename\n"
        "              id\n"
        "            }\n"
        "          } =>\n"
        "          {\n"
        "            ... on Instance {\n"
        "              __typename\n"
        "              name\n"
        "            }\n"
        "          }\n"
        "        },\n"
        "      },\n"
        "    },\n"
        "  },\n"
        "}"
    )


async def test_sse_streams_every_event_resolved_across_subgraphs(live: Live) -> None:
    async with httpx.AsyncClient() as client:
        response = await client.post(
            live.url,
            json={"query": SUBSCRIPTION, "variables": {"id": "r1"}},
            headers={"accept": "text/event-stream", "authorization": "Bearer shopper"},
        )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    events = _events(response.text)
    assert events == [
        (
            "next",
            {"data": {"runUpdated": {"status": s, "step": i, "instance": {"name": "Summarizer"}}}},
        )
        for i, s in enumerate(["QUEUED", "RUNNING", "SUCCEEDED"])
    ] + [("complete", None)]
    # One entity fetch per event, and the caller's token reached the subscribing subgraph.
    assert len(live.catalog.entity_requests()) == 3
    assert live.runs.socket_headers[-1]["authorization"] == "Bearer shopper"


async def test_sse_with_get_for_event_source(live: Live) -> None:
    async with httpx.AsyncClient() as client:
        response = await client.get(
            live.url,
            params={"query": SUBSCRIPTION, "variables": '{"id": "r1"}'},
            headers={"accept": "text/event-stream"},
        )
    events = _events(response.text)
    assert [kind for kind, _ in events] == ["next", "next", "next", "complete"]


async def test_a_query_over_sse_is_one_event(live: Live) -> None:
    async with httpx.AsyncClient() as client:
        response = await client.post(
            live.url,
            json={"query": '{ instance(id: "i1") { name } }'},
            headers={"accept": "text/event-stream"},
        )
    assert _events(response.text) == [
        ("next", {"data": {"instance": {"name": "Summarizer"}}}),
        ("complete", None),
    ]


async def test_request_errors_are_answered_before_the_stream(live: Live) -> None:
    async with httpx.AsyncClient() as client:
        invalid = await client.post(
            live.url,
            json={"query": "subscription { runUpdated(id: 1) { nope } }"},
            headers={"accept": "text/event-stream"},
        )
        missing_variable = await client.post(
            live.url, json={"query": SUBSCRIPTION}, headers={"accept": "text/event-stream"}
        )
        plain = await client.post(live.url, json={"query": SUBSCRIPTION, "variables": {"id": "r1"}})
    assert invalid.status_code == 400
    assert invalid.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert missing_variable.status_code == 400
    assert missing_variable.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert plain.status_code == 400
    assert plain.json()["errors"][0]["extensions"]["code"] == "SUBSCRIPTION_TRANSPORT_REQUIRED"
    assert live.runs.socket_headers == []  # nothing reached the subgraph


async def test_a_subgraph_error_reaches_the_client_and_the_stream_ends(live: Live) -> None:
    async with httpx.AsyncClient() as client:
        response = await client.post(
            live.url,
            json={"query": SUBSCRIPTION, "variables": {"id": "unknown"}},
            headers={"accept": "text/event-stream"},
        )
    events = _events(response.text)
    assert [kind for kind, _ in events] == ["next", "complete"]
    payload = events[0][1]
    assert payload["data"] is None
    assert "run unknown not found" in payload["errors"][0]["message"]


async def test_an_unreachable_subgraph_ends_the_stream_with_an_error() -> None:
    supergraph = load_supergraph(supergraph_path("live").read_text())
    router = Router(supergraph, RouterConfig(subgraph_urls={"runs": "http://127.0.0.1:9/graphql"}))
    server = await start_server(create_app(router, HttpOptions(csrf_required_headers=())))
    try:
        async with httpx.AsyncClient() as client:
            response = await client.post(
                f"{server.url}/graphql",
                json={"query": SUBSCRIPTION, "variables": {"id": "r1"}},
                headers={"accept": "text/event-stream"},
            )
    finally:
        await server.stop()
    events = _events(response.text)
    assert [kind for kind, _ in events] == ["next", "complete"]
    error = events[0][1]["errors"][0]
    assert error["path"] == ["runUpdated"]
    assert error["extensions"]["service"] == "runs"


async def test_leaving_the_sse_stream_closes_the_subgraph_subscription(live: Live) -> None:
    live.runs.script = replace(Script(), statuses=["QUEUED"], hold_open=True)
    async with (
        httpx.AsyncClient() as client,
        client.stream(
            "POST",
            live.url,
            json={"query": SUBSCRIPTION, "variables": {"id": "r1"}},
            headers={"accept": "text/event-stream"},
        ) as response,
    ):
        async for line in response.aiter_lines():
            if line.startswith("data:"):
                break
        assert live.runs.open_subscriptions == 1
    for _ in range(100):
        if live.runs.open_subscriptions == 0:
            break
        await asyncio.sleep(0.02)
    assert live.runs.open_subscriptions == 0


async def _receive(socket: aiohttp.ClientWebSocketResponse) -> dict[str, Any]:
    message = await asyncio.wait_for(socket.receive(), 5)
    assert message.type == aiohttp.WSMsgType.TEXT, message
    result: dict[str, Any] = orjson.loads(message.data)
    return result


async def test_websocket_streams_events_and_queries(live: Live) -> None:
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(live.ws_url, protocols=("graphql-transport-ws",)) as socket,
    ):
        await socket.send_json(
            {"type": "connection_init", "payload": {"Authorization": "Bearer from-init"}}
        )
        assert await _receive(socket) == {"type": "connection_ack"}
        await socket.send_json({"type": "ping"})
        assert await _receive(socket) == {"type": "pong"}
        await socket.send_json(
            {
                "id": "a",
                "type": "subscribe",
                "payload": {"query": SUBSCRIPTION, "variables": {"id": "r1"}},
            }
        )
        received = [await _receive(socket) for _ in range(4)]
        assert [m["type"] for m in received] == ["next", "next", "next", "complete"]
        assert received[2]["payload"] == {
            "data": {
                "runUpdated": {"status": "SUCCEEDED", "step": 2, "instance": {"name": "Summarizer"}}
            }
        }
        assert all(m["id"] == "a" for m in received)
        await socket.send_json(
            {
                "id": "b",
                "type": "subscribe",
                "payload": {"query": '{ instance(id: "i1") { name } }'},
            }
        )
        assert await _receive(socket) == {
            "id": "b",
            "type": "next",
            "payload": {"data": {"instance": {"name": "Summarizer"}}},
        }
        assert await _receive(socket) == {"id": "b", "type": "complete"}
        await socket.send_json({"id": "c", "type": "subscribe", "payload": {"query": "{ nope }"}})
        error = await _receive(socket)
        assert error["type"] == "error" and error["id"] == "c"
        assert error["payload"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    # The token from connection_init was forwarded to the subscribing subgraph.
    assert live.runs.socket_headers[-1]["authorization"] == "Bearer from-init"


async def test_websocket_complete_from_the_client_stops_the_subgraph_subscription(
    live: Live,
) -> None:
    live.runs.script = replace(Script(), statuses=["QUEUED"], hold_open=True)
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(live.ws_url, protocols=("graphql-transport-ws",)) as socket,
    ):
        await socket.send_json({"type": "connection_init"})
        await _receive(socket)
        await socket.send_json(
            {
                "id": "x",
                "type": "subscribe",
                "payload": {"query": SUBSCRIPTION, "variables": {"id": "r1"}},
            }
        )
        assert (await _receive(socket))["type"] == "next"
        assert live.runs.open_subscriptions == 1
        await socket.send_json({"id": "x", "type": "complete"})
        for _ in range(100):
            if live.runs.open_subscriptions == 0:
                break
            await asyncio.sleep(0.02)
        assert live.runs.open_subscriptions == 0
        # The socket stays usable for further operations.
        await socket.send_json({"type": "ping"})
        assert await _receive(socket) == {"type": "pong"}


@pytest.mark.parametrize(
    ("messages", "code"),
    [
        ([{"id": "1", "type": "subscribe", "payload": {"query": "{ __typename }"}}], 4401),
        (["not json"], 4400),
        ([{"type": "connection_init"}, {"type": "connection_init"}], 4429),
        ([{"type": "connection_init"}, {"type": "mystery"}], 4400),
        ([], 4408),
    ],
)
async def test_websocket_protocol_violations_close_with_the_protocol_codes(
    live: Live, messages: list[Any], code: int
) -> None:
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(live.ws_url, protocols=("graphql-transport-ws",)) as socket,
    ):
        for message in messages:
            await (
                socket.send_str(message) if isinstance(message, str) else socket.send_json(message)
            )
        while True:
            frame = await asyncio.wait_for(socket.receive(), 5)
            if frame.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                break
        assert socket.close_code == code


async def test_websocket_duplicate_ids_close_the_socket(live: Live) -> None:
    live.runs.script = replace(Script(), statuses=["QUEUED"], hold_open=True)
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(live.ws_url, protocols=("graphql-transport-ws",)) as socket,
    ):
        await socket.send_json({"type": "connection_init"})
        await _receive(socket)
        subscribe = {
            "id": "d",
            "type": "subscribe",
            "payload": {"query": SUBSCRIPTION, "variables": {"id": "r1"}},
        }
        await socket.send_json(subscribe)
        await _receive(socket)
        await socket.send_json(subscribe)
        while True:
            frame = await asyncio.wait_for(socket.receive(), 5)
            if frame.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                break
        assert socket.close_code == 4409
    for _ in range(100):
        if live.runs.open_subscriptions == 0:
            break
        await asyncio.sleep(0.02)
    assert live.runs.open_subscriptions == 0


async def test_websocket_without_the_subprotocol_is_refused(live: Live) -> None:
    async with aiohttp.ClientSession() as session:
        with pytest.raises(aiohttp.WSServerHandshakeError):
            await session.ws_connect(live.ws_url)


async def test_idle_event_streams_get_keep_alive_comments() -> None:
    async def slow() -> AsyncIterator[dict[str, Any]]:
        await asyncio.sleep(0.25)
        yield {"data": {"late": True}}

    chunks = [chunk async for chunk in event_stream(slow(), keep_alive_seconds=0.05)]
    assert chunks[0] == KEEP_ALIVE
    assert chunks[-2:] == [b'event: next\ndata: {"data":{"late":true}}\n\n', COMPLETE]
