"""/metrics after traffic: the router's per-subgraph and per-operation figures over the whole
supergraph, the worker's queue and run latency, the webhook inbox's state."""

from __future__ import annotations

import uuid

import httpx
from prometheus_client.parser import text_string_to_metric_families

from cmp.serving import RunningServer, free_port, start_server
from kernel.auth.dev_issuer import DevIssuer
from kernel.database import Database
from kernel.readiness import health_app
from router.http import create_app
from router.pipeline import Router
from router.pipeline.service import RouterConfig
from subgraphs.execution.metrics import WORKER_METRICS
from tests.conftest import SERVICE_TOKEN, SUPERGRAPH_SDL, GraphQLPost, Stack, WorkerFactory
from tests.subgraphs.execution.conftest import ExecutionWorld
from tests.support.users import new_user
from webhooks.saleor.service import SaleorWebhooks
from webhooks.saleor.settings import WebhookSettings
from webhooks.saleor.signature import VerifiedDelivery

Sample = tuple[str, frozenset[tuple[str, str]]]


def _samples(text: str) -> dict[Sample, float]:
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def _value(samples: dict[Sample, float], name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


async def _scrape(url: str) -> dict[Sample, float]:
    async with httpx.AsyncClient(timeout=10) as client:
        response = await client.get(f"{url}/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return _samples(response.text)


async def test_router_and_worker_metrics_after_a_run(
    stack: Stack,
    router: RunningServer,
    gql: GraphQLPost,
    dev_issuer: DevIssuer,
    workers: WorkerFactory,
) -> None:
    world = ExecutionWorld(
        stack, gql, dev_issuer, new_user(dev_issuer, "staff", staff=True), f"{router.url}/graphql"
    )
    db = Database(stack.execution_settings.database_url, pool_size=2)
    probe = await start_server(health_app("worker", db, lambda: WORKER_METRICS.render(db)))
    try:
        before_router, before_worker = await _scrape(router.url), await _scrape(probe.url)
        tenant = await world.tenant(credits=50, credits_per_run=5)
        started = await world.start(tenant, "measure me")
        assert started["errors"] == [], started
        # Queued, no worker yet: the queue depth says so.
        waiting = await _scrape(probe.url)
        assert _value(waiting, "cmp_run_queue_depth", status="QUEUED") >= 1
        assert _value(waiting, "cmp_run_oldest_queued_seconds") > 0
        await workers(concurrency=1)
        await world.wait_for(tenant, started["run"]["id"], "SUCCEEDED")
        await world.run(tenant, started["run"]["id"])
        after_router, after_worker = await _scrape(router.url), await _scrape(probe.url)
    finally:
        await probe.stop()
        await db.dispose()

    def grew(
        before: dict[Sample, float], after: dict[Sample, float], name: str, **labels: str
    ) -> float:
        return _value(after, name, **labels) - _value(before, name, **labels)

    # The worker: one more run waited and ran to SUCCEEDED.
    assert grew(before_worker, after_worker, "cmp_run_queue_wait_seconds_count") >= 1
    assert (
        grew(before_worker, after_worker, "cmp_run_duration_seconds_count", status="SUCCEEDED") >= 1
    )
    assert ("cmp_run_queue_depth", frozenset({("status", "RUNNING")})) in after_worker

    # The router: each subgraph the run's calls reached, counted and timed.
    fetch = "router_subgraph_fetch_duration_seconds_count"
    for subgraph in ("control-plane", "billing", "execution"):
        assert grew(before_router, after_router, fetch, subgraph=subgraph, outcome="ok") >= 1
    # Operations by name: ExecutionWorld's documents are anonymous except where named.
    assert (
        grew(
            before_router,
            after_router,
            "router_operation_duration_seconds_count",
            operation="(anonymous)",
        )
        >= 5
    )


async def test_webhook_inbox_state_on_the_router_metrics(stack: Stack, database_url: str) -> None:
    settings = WebhookSettings(
        database_url=database_url,
        service_token=SERVICE_TOKEN,
        # Nothing listens there: processing fails, and with one attempt allowed, for good.
        supergraph_url=f"http://127.0.0.1:{free_port()}/graphql",
        webhook_max_attempts=1,
    )
    webhooks = SaleorWebhooks(settings)
    await webhooks.supergraph.connect()
    engine = Router.from_sdl(
        SUPERGRAPH_SDL, RouterConfig(subgraph_urls=stack.subgraph_urls, service_token=SERVICE_TOKEN)
    )
    server = await start_server(create_app(engine, metrics_sources=webhooks.metrics_sources()))
    try:
        before = await _scrape(server.url)
        assert _value(before, "cmp_webhook_inbox_up") == 1
        delivery = VerifiedDelivery("https://saleor.example/graphql/", "order_fully_paid", b"{}")
        await webhooks.inbox.store(delivery, f"T3JkZXI6{uuid.uuid4()}")
        pending = await _scrape(server.url)
        assert _value(pending, "cmp_webhook_deliveries", status="PENDING") == (
            _value(before, "cmp_webhook_deliveries", status="PENDING") + 1
        )
        assert _value(pending, "cmp_webhook_oldest_pending_seconds") > 0
        while await webhooks.processor.process_one():
            pass  # ours, and any other test's due deliveries
        after = await _scrape(server.url)
    finally:
        await server.stop()
        await webhooks.stop()
    # Ours is no longer waiting (others' may be, if due later).
    assert _value(after, "cmp_webhook_deliveries", status="PENDING") <= _value(
        before, "cmp_webhook_deliveries", status="PENDING"
    )
    assert _value(after, "cmp_webhook_deliveries", status="FAILED") >= (
        _value(before, "cmp_webhook_deliveries", status="FAILED") + 1
    )
