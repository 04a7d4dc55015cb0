"""Subscriptions are traced: `runUpdated` through the router is one trace — the client's request,
the subscription's span (transport, events, how it ended), the subgraph subscription's fetch
whose WebSocket carries `traceparent` into the execution subgraph, and every event's fetches to
the other subgraphs."""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
import orjson
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode

from cmp.serving import start_server
from router.http import create_app
from router.http.options import HttpOptions
from router.pipeline import Router, RouterConfig
from router.supergraph import load_supergraph
from tests.router.fixtures.compose import supergraph_path
from tests.telemetry.conftest import Traced
from tests.telemetry.test_traces import _children, _descendants, _is_sql, _service

WATCH = """subscription TracedWatch($id: ID!) {
  runUpdated(id: $id) {
    id status creditsCharged
    instance { id offering { name } organization { wallet { available } } }
  }
}"""


def _ended_subscriptions(traced: Traced) -> list[ReadableSpan]:
    return [s for s in traced.spans() if s.name == "subscription TracedWatch"]


async def _wait_for_subscriptions(traced: Traced, count: int, seconds: float = 10.0) -> None:
    deadline = asyncio.get_running_loop().time() + seconds
    while len(_ended_subscriptions(traced)) < count:
        assert asyncio.get_running_loop().time() < deadline, "the subscription span never ended"
        await asyncio.sleep(0.05)


def _trace(traced: Traced, span: ReadableSpan) -> list[ReadableSpan]:
    assert span.context is not None
    trace_id = span.context.trace_id
    return [s for s in traced.spans() if s.context is not None and s.context.trace_id == trace_id]


async def _sse(url: str, token: str, run_id: str) -> list[tuple[str, Any]]:
    async with aiohttp.ClientSession() as session:
        response = await session.post(
            url,
            json={"query": WATCH, "variables": {"id": run_id}},
            headers={"accept": "text/event-stream", "authorization": f"Bearer {token}"},
            timeout=aiohttp.ClientTimeout(total=30),
        )
        assert response.status == 200, await response.text()
        body = await response.text()
    events: list[tuple[str, Any]] = []
    for block in body.split("\n\n"):
        fields = dict(
            line.split(":", 1) for line in block.splitlines() if line and not line.startswith(":")
        )
        if fields:
            data = fields.get("data", "").strip()
            events.append((fields["event"].strip(), orjson.loads(data) if data else None))
    return events


async def test_a_subscription_over_sse_is_one_trace_into_the_execution_subgraph(
    traced: Traced,
) -> None:
    world = traced.world
    tenant = await world.tenant(credits=100, credits_per_run=10)
    started = await world.start(tenant, "watched")
    run_id = started["run"]["id"]
    await world.wait_for(tenant, run_id, "SUCCEEDED")
    before = len(_ended_subscriptions(traced))

    events = await _sse(f"{traced.router.url}/graphql", tenant.owner.token, run_id)
    assert [kind for kind, _ in events] == ["next", "complete"], events
    assert events[0][1]["data"]["runUpdated"]["instance"]["offering"] == {"name": "Agent"}
    await _wait_for_subscriptions(traced, before + 1)

    subscription = _ended_subscriptions(traced)[-1]
    attributes = subscription.attributes or {}
    assert attributes["graphql.operation.type"] == "subscription"
    assert attributes["graphql.operation.name"] == "TracedWatch"
    assert attributes["cmp.subscription.transport"] == "sse"
    assert attributes["cmp.subscription.end"] == "completed"
    assert attributes["cmp.subscription.events"] == 1
    assert subscription.status.status_code is not StatusCode.ERROR
    assert _service(subscription) == "cmp-router"

    # The execution subgraph's span for the socket ends a moment after the router closes it.
    deadline = asyncio.get_running_loop().time() + 10
    while not any(
        _service(s) == "cmp-execution" and s.kind is SpanKind.SERVER
        for s in _trace(traced, subscription)
    ):
        assert asyncio.get_running_loop().time() < deadline, "no execution span in the trace"
        await asyncio.sleep(0.05)
    spans = _trace(traced, subscription)
    tree = _children(spans)
    # The client's request is the trace's root, the subscription its child.
    request = next(s for s in spans if s.parent is None)
    assert request.name == "POST /graphql" and request.kind is SpanKind.SERVER
    assert subscription.parent is not None and request.context is not None
    assert subscription.parent.span_id == request.context.span_id

    assert subscription.context is not None
    fetches = {
        (s.attributes or {}).get("cmp.subgraph.name"): s
        for s in tree[subscription.context.span_id]
        if s.kind is SpanKind.CLIENT
    }
    # The subgraph subscription, and the event's entity fetches, under the subscription.
    assert set(fetches) == {"execution", "control-plane", "billing"}, fetches
    primary = fetches["execution"]
    assert (primary.attributes or {})["graphql.operation.type"] == "subscription"
    for service in ("control-plane", "billing"):
        assert (fetches[service].attributes or {})["cmp.subgraph.representations"] == 1

    # traceparent went on the WebSocket's upgrade: the execution subgraph's side of runUpdated
    # (its ASGI span for the socket, and the run's SQL) continues the trace under the fetch.
    execution = [s for s in _descendants(primary, tree) if _service(s) == "cmp-execution"]
    socket = [s for s in execution if s.kind is SpanKind.SERVER]
    assert len(socket) == 1, [s.name for s in execution]
    assert socket[0].parent is not None and primary.context is not None
    assert socket[0].parent.span_id == primary.context.span_id
    assert any(_is_sql(s) for s in execution), [s.name for s in execution]
    # The other subgraphs' request spans, under the event's fetches.
    for service, name in (("control-plane", "cmp-control-plane"), ("billing", "cmp-billing")):
        below = _descendants(fetches[service], tree)
        assert any(_service(s) == name and s.kind is SpanKind.SERVER for s in below), service


async def test_a_client_leaving_a_websocket_subscription_ends_its_span(traced: Traced) -> None:
    world = traced.world
    tenant = await world.tenant(flow_id="slow-5", credits=100, credits_per_run=10)
    started = await world.start(tenant, "left behind")
    run_id = started["run"]["id"]
    before = len(_ended_subscriptions(traced))

    url = f"{traced.router.url}/graphql".replace("http", "ws", 1)
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(url, protocols=("graphql-transport-ws",)) as socket,
    ):
        init = {"authorization": f"Bearer {tenant.owner.token}"}
        await socket.send_json({"type": "connection_init", "payload": init})
        assert (await socket.receive_json(timeout=10))["type"] == "connection_ack"
        await socket.send_json(
            {
                "id": "1",
                "type": "subscribe",
                "payload": {"query": WATCH, "variables": {"id": run_id}},
            }
        )
        first = await socket.receive_json(timeout=10)
        assert first["type"] == "next", first
        assert first["payload"]["data"]["runUpdated"]["status"] in ("QUEUED", "RUNNING")
        await socket.send_json({"id": "1", "type": "complete"})  # the client stops watching
        await _wait_for_subscriptions(traced, before + 1)

    subscription = _ended_subscriptions(traced)[-1]
    attributes = subscription.attributes or {}
    assert attributes["cmp.subscription.transport"] == "graphql-transport-ws"
    assert attributes["cmp.subscription.end"] == "client_left"
    assert attributes["cmp.subscription.events"] >= 1  # type: ignore[operator]
    assert subscription.status.status_code is not StatusCode.ERROR
    assert subscription.parent is not None  # the router's span for the WebSocket connection

    # The subgraph subscription ended with it: its fetch span is over, its socket closed.
    spans = _trace(traced, subscription)
    assert subscription.context is not None
    primary = [
        s
        for s in _children(spans)[subscription.context.span_id]
        if (s.attributes or {}).get("cmp.subgraph.name") == "execution"
    ]
    assert len(primary) == 1
    assert primary[0].end_time is not None and subscription.end_time is not None
    assert primary[0].end_time <= subscription.end_time
    await world.wait_for(tenant, run_id, "SUCCEEDED")  # the run itself goes on to the end


async def test_a_subscription_the_subgraph_refuses_ends_in_error(traced: Traced) -> None:
    world = traced.world
    tenant = await world.tenant(credits=100, credits_per_run=10)
    before = len(_ended_subscriptions(traced))
    unknown = "00000000-0000-0000-0000-000000000000"

    events = await _sse(f"{traced.router.url}/graphql", tenant.owner.token, unknown)
    assert [kind for kind, _ in events] == ["next", "complete"], events
    assert events[0][1]["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    await _wait_for_subscriptions(traced, before + 1)

    subscription = _ended_subscriptions(traced)[-1]
    attributes = subscription.attributes or {}
    assert attributes["cmp.subscription.end"] == "error"
    assert attributes["cmp.subscription.events"] == 1
    assert subscription.status.status_code is StatusCode.ERROR


async def test_an_unreachable_subgraph_ends_the_subscription_in_error(
    exporter: InMemorySpanExporter,
) -> None:
    supergraph = load_supergraph(supergraph_path("live").read_text())
    router = Router(supergraph, RouterConfig(subgraph_urls={"runs": "http://127.0.0.1:9/graphql"}))
    server = await start_server(create_app(router, HttpOptions(csrf_required_headers=())))
    try:
        async with aiohttp.ClientSession() as session:
            response = await session.post(
                f"{server.url}/graphql",
                json={"query": 'subscription Unreachable { runUpdated(id: "r1") { status } }'},
                headers={"accept": "text/event-stream"},
            )
            assert "event: complete" in await response.text()
    finally:
        await server.stop()

    ended = [s for s in exporter.get_finished_spans() if s.name == "subscription Unreachable"]
    assert len(ended) == 1
    attributes = ended[0].attributes or {}
    assert attributes["cmp.subscription.end"] == "error"
    assert ended[0].status.status_code is StatusCode.ERROR
    assert "could not open a subscription" in (ended[0].status.description or "")
    assert ended[0].context is not None
    fetch = [
        s
        for s in exporter.get_finished_spans()
        if s.parent is not None and s.parent.span_id == ended[0].context.span_id
    ]
    assert [s.name for s in fetch] == ["fetch runs"]
    assert fetch[0].status.status_code is StatusCode.ERROR
