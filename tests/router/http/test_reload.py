"""The supergraph file is reloaded when it changes: new requests see the new schema, requests in
flight finish on the one they started with, and a broken file leaves the last good one serving."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import httpx
import pytest

from router.http.options import HttpOptions
from tests.router.conftest import Stack
from tests.router.fixtures.compose import supergraph_path
from tests.router.http.support import served

GRID = {"query": "{ productGrid { name } }"}
SLOW = {"query": "{ topProducts(first: 1) { name inStock } }"}


async def _until(check: object, client: httpx.AsyncClient, seconds: float = 5.0) -> None:
    deadline = asyncio.get_running_loop().time() + seconds
    while asyncio.get_running_loop().time() < deadline:
        response = await client.post("/graphql", json=GRID)
        if response.status_code == check:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"the supergraph was not reloaded within {seconds}s")


async def test_a_changed_file_is_served_without_dropping_requests_in_flight(
    shop_stack: Stack, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    original = supergraph_path("shop").read_text()
    file = tmp_path / "supergraph.graphql"
    file.write_text(original)
    options = HttpOptions(supergraph_file=file, reload_seconds=0.05)
    shop_stack.subgraphs["inventory"].delay_seconds = 0.5
    async with served(shop_stack, options) as client:
        assert (await client.post("/graphql", json=GRID)).status_code == 200
        in_flight = asyncio.create_task(client.post("/graphql", json=SLOW))
        await asyncio.sleep(0.1)  # the slow request is waiting on inventory
        file.write_text(
            original.replace("  productGrid: [[Product!]!]! @join__field(graph: PRODUCTS)\n", "")
        )
        await _until(400, client)
        finished = await in_flight
        assert finished.json() == {"data": {"topProducts": [{"name": "Table", "inStock": True}]}}

        caplog.set_level(logging.ERROR, logger="router.reload")
        file.write_text("this is not a supergraph {")
        await asyncio.sleep(0.3)
        assert any("reload failed" in r.getMessage() for r in caplog.records)
        still = await client.post("/graphql", json={"query": "{ me { name } }"})
        assert still.json() == {"data": {"me": {"name": "Ada Lovelace"}}}
        assert (await client.post("/graphql", json=GRID)).status_code == 400

        file.write_text(original)
        await _until(200, client)
        metrics = (await client.get("/metrics")).text
    # Cache counters carry over reloads (Prometheus counters never go down).
    assert 'router_document_cache_lookups_total{result="miss"}' in metrics
