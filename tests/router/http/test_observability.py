"""GET /health, GET /ready (each subgraph asked), Prometheus /metrics, structured request logs
with the request id, and the query plan on request (Apollo-Expose-Query-Plan)."""

from __future__ import annotations

import json
import logging

import httpx
import pytest

from cmp.serving import start_server
from router.http import create_app
from router.http.logs import JsonFormatter
from router.http.options import HttpOptions
from tests.router.conftest import Stack
from tests.router.http.support import served

CROSSING = {"query": "{ topProducts(first: 1) { name inStock } }"}


async def test_health_and_readiness(shop_stack: Stack) -> None:
    async with served(shop_stack) as client:
        health = await client.get("/health")
        ready = await client.get("/ready")
    assert health.json()["status"] == "ok"
    assert ready.status_code == 200
    assert ready.json() == {
        "status": "ready",
        "subgraphs": {name: "ok" for name in ("accounts", "inventory", "products", "reviews")},
    }


async def test_readiness_names_the_subgraph_that_does_not_answer(
    shop_stack: Stack, caplog: pytest.LogCaptureFixture
) -> None:
    shop_stack.subgraphs["reviews"].failure = "status500"
    async with served(shop_stack) as client:
        down = await client.get("/ready")
    async with served(shop_stack, external_subgraphs=frozenset({"reviews"})) as client:
        external_down = await client.get("/ready")
    assert down.status_code == 503
    assert down.json()["status"] == "unavailable"
    # Named, without the detail (the probe answers anyone): that is in the log.
    assert down.json()["subgraphs"]["reviews"] == "unavailable"
    assert down.json()["subgraphs"]["products"] == "ok"
    assert "HTTP 500" not in down.text
    assert any("reviews" in r.message and "HTTP 500" in r.message for r in caplog.records)
    # An external subgraph (Saleor) is reported but does not take the router out of service.
    assert external_down.status_code == 200
    assert external_down.json()["subgraphs"]["reviews"] == "unavailable"


async def test_readiness_asks_what_the_host_mounted(shop_stack: Stack) -> None:
    async def inbox_down() -> bool:
        return False

    server = await start_server(
        create_app(shop_stack.router_with(), readiness_checks={"webhook inbox": inbox_down})
    )
    try:
        async with httpx.AsyncClient(base_url=server.url) as client:
            ready = await client.get("/ready")
    finally:
        await server.stop()
    assert ready.status_code == 503
    assert ready.json()["dependencies"] == {"webhook inbox": "unavailable"}
    assert set(ready.json()["subgraphs"].values()) == {"ok"}


async def test_metrics_count_requests_errors_fetches_and_cache_hits(shop_stack: Stack) -> None:
    async with served(shop_stack) as client:
        for _ in range(2):
            await client.post("/graphql", json=CROSSING)
        await client.post("/graphql", json={"query": "{ nope }"})
        text = (await client.get("/metrics")).text
    assert 'router_http_requests_total{method="POST",status="200"} 2.0' in text
    assert 'router_http_requests_total{method="POST",status="400"} 1.0' in text
    assert 'router_graphql_errors_total{code="GRAPHQL_VALIDATION_FAILED"} 1.0' in text
    assert "router_request_duration_seconds_count 3.0" in text
    assert (
        'router_subgraph_fetch_duration_seconds_count{outcome="ok",subgraph="inventory"} 2.0'
        in text
    )
    assert 'router_plan_cache_lookups_total{result="hit"} 1.0' in text
    assert 'router_plan_cache_lookups_total{result="miss"} 1.0' in text
    assert 'router_document_cache_lookups_total{result="hit"} 1.0' in text


async def test_metrics_count_errors_by_the_subgraph_that_caused_them(shop_stack: Stack) -> None:
    shop_stack.subgraphs["inventory"].failure = "status500"
    async with served(shop_stack) as client:
        failed = await client.post("/graphql", json=CROSSING)
        text = (await client.get("/metrics")).text
    assert failed.json()["errors"][0]["extensions"]["service"] == "inventory"
    assert (
        'router_subgraph_errors_total{code="SUBREQUEST_HTTP_ERROR",subgraph="inventory"} 1.0'
        in text
    )
    assert (
        'router_subgraph_errors_total{code="SUBREQUEST_HTTP_ERROR",subgraph="products"}' not in text
    )


async def test_metrics_by_operation_name_with_a_bounded_set_of_names(shop_stack: Stack) -> None:
    named = {**CROSSING, "query": "query TopOne " + CROSSING["query"]}
    async with served(shop_stack, HttpOptions(metrics_max_operations=2)) as client:
        for _ in range(3):
            await client.post("/graphql", json=named)
        await client.post("/graphql", json=CROSSING)  # anonymous
        # A name that never validated claims no label...
        await client.post(
            "/graphql", json={"query": "query Broken { nope }", "operationName": "Broken"}
        )
        # ... but a known operation that breaks keeps its own.
        await client.post(
            "/graphql", json={"query": "query TopOne { nope }", "operationName": "TopOne"}
        )
        await client.post("/graphql", json={"query": "query Second { __typename }"})
        # Past the bound, client-chosen names share one label.
        await client.post("/graphql", json={"query": "query Third { __typename }"})
        text = (await client.get("/metrics")).text
    assert 'router_operation_duration_seconds_count{operation="TopOne"} 4.0' in text
    assert 'router_operation_errors_total{operation="TopOne"} 1.0' in text
    assert 'router_operation_duration_seconds_count{operation="(anonymous)"} 1.0' in text
    assert 'router_operation_duration_seconds_count{operation="(unvalidated)"} 1.0' in text
    assert 'router_operation_errors_total{operation="(unvalidated)"} 1.0' in text
    assert 'router_operation_duration_seconds_count{operation="Second"} 1.0' in text
    assert 'router_operation_duration_seconds_count{operation="(other)"} 1.0' in text
    assert 'operation="Broken"' not in text and 'operation="Third"' not in text
    assert 'router_operation_errors_total{operation="Second"}' not in text


async def test_each_request_is_logged_once_as_json_with_its_request_id(
    shop_stack: Stack, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="router.access")
    async with served(shop_stack) as client:
        await client.post(
            "/graphql",
            json={**CROSSING, "operationName": None},
            headers={"x-request-id": "req-7"},
        )
    (record,) = [r for r in caplog.records if r.name == "router.access"]
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "req-7"
    assert line["status"] == 200
    assert line["level"] == "info"
    assert line["message"] == "graphql request"
    assert line["duration_ms"] > 0
    assert {h["x-request-id"] for h in shop_stack.subgraphs["products"].headers} == {"req-7"}


async def test_the_query_plan_on_request(shop_stack: Stack) -> None:
    async with served(shop_stack) as client:
        plain = await client.post("/graphql", json=CROSSING)
        exposed = await client.post(
            "/graphql", json=CROSSING, headers={"apollo-expose-query-plan": "true"}
        )
        dry_run = await client.post(
            "/graphql", json=CROSSING, headers={"apollo-expose-query-plan": "dry-run"}
        )
    assert "extensions" not in plain.json()
    plan = exposed.json()["extensions"]["apolloQueryPlan"]["text"]
    assert plan.startswith("QueryPlan {")
    assert 'Fetch(service: "products")' in plan and 'Fetch(service: "inventory")' in plan
    assert exposed.json()["data"] == {"topProducts": [{"name": "Table", "inStock": True}]}
    exposed_plan = exposed.json()["extensions"]["apolloQueryPlan"]
    assert dry_run.json() == {"data": None, "extensions": {"apolloQueryPlan": exposed_plan}}
    # The JSON form, as Apollo serves it: a Sequence of the products fetch and the inventory
    # fetch flattened at each product.
    sequence = exposed_plan["object"]["node"]
    assert exposed_plan["object"]["kind"] == "QueryPlan" and sequence["kind"] == "Sequence"
    products, flatten = sequence["nodes"]
    assert (products["kind"], products["serviceName"]) == ("Fetch", "products")
    assert flatten["kind"] == "Flatten" and flatten["path"] == ["topProducts", "@"]
    assert flatten["node"]["serviceName"] == "inventory"
    assert flatten["node"]["requires"][0]["typeCondition"] == "Product"
    assert len(shop_stack.requests_to("products")) == 2  # the dry run fetched nothing


async def test_the_plan_can_be_kept_private(shop_stack: Stack) -> None:
    async with served(shop_stack, HttpOptions(expose_query_plan=False)) as client:
        response = await client.post(
            "/graphql", json=CROSSING, headers={"apollo-expose-query-plan": "true"}
        )
    assert "extensions" not in response.json()
