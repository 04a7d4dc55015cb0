"""One trace per request across every service: the router's spans (request, validate, plan,
a fetch per subgraph call) and, under the fetches, each subgraph's request span with its SQL;
a run's trace goes on through the run record into the worker, its Langflow call and its
settlement in billing."""

from __future__ import annotations

import asyncio
import uuid
from collections import defaultdict
from collections.abc import Iterable

from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.trace import SpanKind

from kernel import telemetry
from tests.conftest import SERVICE_TOKEN
from tests.telemetry.conftest import Traced
from webhooks.saleor.service import SaleorWebhooks
from webhooks.saleor.settings import WebhookSettings
from webhooks.saleor.signature import VerifiedDelivery

CROSS_SUBGRAPH = """query TraceRun($id: ID!) {
  run(id: $id) { id status instance { id organization { name wallet { available } } } }
}"""


def _service(span: ReadableSpan) -> str:
    return str(span.resource.attributes.get("service.name"))


def _trace_of(spans: Iterable[ReadableSpan], name: str, operation: str) -> list[ReadableSpan]:
    """Every span of the trace whose router request span names `operation`."""
    spans = list(spans)
    roots = [
        s
        for s in spans
        if s.name == name and (s.attributes or {}).get("graphql.operation.name") == operation
    ]
    assert len(roots) == 1, [s.name for s in spans]
    assert roots[0].context is not None
    trace_id = roots[0].context.trace_id
    return [s for s in spans if s.context is not None and s.context.trace_id == trace_id]


def _children(spans: list[ReadableSpan]) -> dict[int, list[ReadableSpan]]:
    tree: dict[int, list[ReadableSpan]] = defaultdict(list)
    for span in spans:
        if span.parent is not None:
            tree[span.parent.span_id].append(span)
    return tree


def _descendants(span: ReadableSpan, tree: dict[int, list[ReadableSpan]]) -> list[ReadableSpan]:
    assert span.context is not None
    found: list[ReadableSpan] = []
    for child in tree.get(span.context.span_id, []):
        found.append(child)
        found.extend(_descendants(child, tree))
    return found


def _is_sql(span: ReadableSpan) -> bool:
    return (span.attributes or {}).get("db.system") == "postgresql" or (
        (span.attributes or {}).get("db.system.name") == "postgresql"
    )


async def _wait_for_span(traced: Traced, name: str, seconds: float = 10.0) -> None:
    # Server spans end once the response is sent, a moment after the client has it.
    deadline = asyncio.get_running_loop().time() + seconds
    while not any(s.name == name for s in traced.spans()):
        assert asyncio.get_running_loop().time() < deadline, f"no {name} span"
        await asyncio.sleep(0.05)


async def test_a_cross_subgraph_query_is_one_trace_down_to_sql(traced: Traced) -> None:
    world = traced.world
    tenant = await world.tenant(credits=100)
    started = await world.start(tenant)
    run_id = started["run"]["id"]
    body = await world.ex(CROSS_SUBGRAPH, {"id": run_id}, tenant.owner.token)
    assert body["data"]["run"]["instance"]["organization"]["wallet"] == {"available": 90}, body
    await asyncio.sleep(0.2)

    spans = _trace_of(traced.spans(), "POST /graphql", "TraceRun")
    tree = _children(spans)
    request = next(
        s
        for s in spans
        if _service(s) == "cmp-router"
        and s.kind is SpanKind.SERVER
        and (s.attributes or {}).get("graphql.operation.name") == "TraceRun"
    )
    under_request = _descendants(request, tree)
    stages = {s.name for s in under_request if _service(s) == "cmp-router"}
    assert {"graphql.validate", "graphql.plan"} <= stages
    plan = next(s for s in under_request if s.name == "graphql.plan")
    assert (plan.attributes or {}).get("cmp.cache.hit") is False  # first time this document

    fetches = [s for s in under_request if s.name.startswith("fetch ")]
    fetched = {(s.attributes or {})["cmp.subgraph.name"] for s in fetches}
    assert fetched == {"execution", "control-plane", "billing"}
    for fetch in fetches:
        attributes = fetch.attributes or {}
        assert fetch.kind is SpanKind.CLIENT
        assert attributes["http.response.status_code"] == 200
        assert attributes["graphql.operation.type"] == "query"
        if attributes["cmp.subgraph.name"] != "execution":  # entity fetches after the run
            assert attributes["cmp.subgraph.representations"] == 1
        # The subgraph continued the fetch's traceparent: its request span is the fetch's child,
        # and its SQL is below that.
        servers = [s for s in tree[fetch.context.span_id] if s.kind is SpanKind.SERVER]
        assert len(servers) == 1, [s.name for s in tree[fetch.context.span_id]]
        service = f"cmp-{attributes['cmp.subgraph.name']!s}"
        assert _service(servers[0]) == service
        # (Below it too: calls it made to other subgraphs, e.g. execution asking control-plane.)
        sql = [s for s in _descendants(servers[0], tree) if _is_sql(s) and _service(s) == service]
        assert sql, f"no SQL span of {service} under its request"

    # The same document again: the plan comes from the cache, in a new trace.
    await world.ex(CROSS_SUBGRAPH, {"id": run_id}, tenant.owner.token)
    await asyncio.sleep(0.2)
    plans = [
        s
        for s in traced.spans()
        if s.name == "graphql.plan"
        and s.context is not None
        and s.context.trace_id != plan.context.trace_id
    ]
    assert any((s.attributes or {}).get("cmp.cache.hit") is True for s in plans)


async def test_a_run_is_one_trace_from_run_start_to_settlement(traced: Traced) -> None:
    world = traced.world
    tenant = await world.tenant(flow_id="echo", credits=100, credits_per_run=10)
    body = await world.ex(
        """mutation StartTracedRun($input: RunStartInput!) {
             runStart(input: $input) { run { id } errors { message } } }""",
        {"input": {"instanceId": tenant.instance_id, "input": {"input_value": "trace me"}}},
        tenant.owner.token,
    )
    run_id = body["data"]["runStart"]["run"]["id"]
    finished = await world.wait_for(tenant, run_id, "SUCCEEDED")
    assert finished["creditsCharged"] == 10
    await _wait_for_span(traced, "run.settle")
    await asyncio.sleep(0.2)

    spans = _trace_of(traced.spans(), "POST /graphql", "StartTracedRun")
    tree = _children(spans)
    by_name: dict[str, list[ReadableSpan]] = defaultdict(list)
    for span in spans:
        by_name[span.name].append(span)

    # router → execution (runStart)
    fetch = next(s for s in spans if (s.attributes or {}).get("cmp.subgraph.name") == "execution")
    assert (fetch.attributes or {})["graphql.operation.type"] == "mutation"
    execution = [s for s in _descendants(fetch, tree) if _service(s) == "cmp-execution"]
    assert any(s.kind is SpanKind.SERVER for s in execution)
    assert any(_is_sql(s) for s in execution)  # the run's INSERT

    # → worker: the queue, then the run, continuing runStart's trace
    (queue,) = by_name["run.queue"]
    (run,) = by_name["run"]
    assert _service(run) == "cmp-worker" and _service(queue) == "cmp-worker"
    assert (run.attributes or {})["cmp.run.id"] == run_id
    run_start = next(
        s
        for s in execution
        if s.context is not None
        and run.parent is not None
        and s.context.span_id == run.parent.span_id
    )
    assert run_start.kind is SpanKind.SERVER  # the worker's run is a child of runStart's span
    assert queue.start_time is not None and run.start_time is not None
    assert queue.start_time <= run.start_time

    # → runtime: the Langflow call is an HTTP client span under run.execute
    (execute,) = by_name["run.execute"]
    assert execute.parent is not None and execute.parent.span_id == run.context.span_id
    langflow = [s for s in _descendants(execute, tree) if s.kind is SpanKind.CLIENT]
    urls = [
        str((s.attributes or {}).get("url.full") or (s.attributes or {}).get("http.url"))
        for s in langflow
    ]
    assert any("/api/v1/run/echo" in url for url in urls), urls

    # → settlement: billing's capture, continued in billing, with its SQL
    (settle,) = by_name["run.settle"]
    billing = [s for s in _descendants(settle, tree) if _service(s) == "cmp-billing"]
    assert any(s.kind is SpanKind.SERVER for s in billing)
    assert any(_is_sql(s) for s in billing)


async def test_polling_sql_outside_any_trace_is_not_traced(traced: Traced) -> None:
    # The worker polls the runs table many times a second: none of that is a trace of its own.
    await asyncio.sleep(0.5)
    roots = [s for s in traced.spans() if s.parent is None]
    assert roots  # the test client's requests
    assert not [s for s in roots if _is_sql(s) or s.name in ("connect", "SELECT", "UPDATE")]


async def test_webhook_processing_continues_the_trace_of_the_delivery(
    traced: Traced, database_url: str
) -> None:
    webhooks = SaleorWebhooks(
        WebhookSettings(
            database_url=database_url,
            service_token=SERVICE_TOKEN,
            supergraph_url=f"{traced.router.url}/graphql",
        )
    )
    await webhooks.supergraph.connect()
    try:
        # Stands for the router's span of Saleor's POST /webhooks/saleor, which stores it.
        with telemetry.tracer("cmp-router").start_as_current_span("POST /webhooks/saleor") as post:
            delivery_id = await webhooks.inbox.store(
                VerifiedDelivery("https://saleor.example/graphql/", "order_fully_paid", b"{}"),
                f"T3JkZXI6{uuid.uuid4()}",
            )
        while await webhooks.processor.process_one():
            pass  # ours (an order the Saleor fake does not know: a failed attempt), and any due
    finally:
        await webhooks.stop()
    await asyncio.sleep(0.2)

    (attempt,) = [
        s
        for s in traced.spans()
        if s.name == "webhook.process"
        and (s.attributes or {}).get("cmp.webhook.delivery_id") == str(delivery_id)
    ]
    assert _service(attempt) == "cmp-webhooks"
    assert attempt.parent is not None
    assert attempt.parent.span_id == post.get_span_context().span_id
    spans = [
        s for s in traced.spans() if s.context and s.context.trace_id == attempt.context.trace_id
    ]
    below = _descendants(attempt, _children(spans))
    # Its saleorOrderProcess went through the router to control-plane, in the same trace...
    (router_request,) = [
        s for s in below if _service(s) == "cmp-router" and s.kind is SpanKind.SERVER
    ]
    assert (router_request.attributes or {})["graphql.operation.name"] == "ProcessSaleorOrder"
    assert any(_service(s) == "cmp-control-plane" and s.kind is SpanKind.SERVER for s in below)
    # ... and the attempt's outcome was written to the inbox inside it.
    assert any(_is_sql(s) and _service(s) == "cmp-webhooks" for s in below)
