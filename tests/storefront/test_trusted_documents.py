"""The storefront's operations as a trusted-document manifest: `npm run codegen` writes
storefront/src/gql/persisted-documents.json (checked current by test_checks.py), the router
reads it as it is, every document in it is valid against schema/supergraph.graphql, and a
router enforcing it serves the storefront's operations by id in front of the real subgraphs
while refusing anything else — the production build included, server-side rendering with
CMP_STOREFRONT_DOCUMENT_IDS=1."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest
from graphql import parse, validate

from cmp.serving import RunningServer, free_port, start_server
from router.http import create_app
from router.pipeline import Router, RouterConfig
from router.pipeline.manifests import load_manifests
from tests.conftest import SUPERGRAPH_SDL, Stack
from tests.storefront.app import STOREFRONT, ensure_built, ensure_installed, missing_tools, serve
from tests.storefront.test_checks import FULL_API

MANIFEST = STOREFRONT / "src" / "gql" / "persisted-documents.json"

pytestmark = pytest.mark.skipif(
    not FULL_API, reason="the storefront's documents need the full API (see test_checks.py)"
)


def _catalog_offerings_id() -> str:
    documents = load_manifests([MANIFEST])
    assert documents is not None
    (document_id,) = [
        key for key, text in documents.by_id.items() if text.startswith("query CatalogOfferings(")
    ]
    return document_id


def test_every_listed_document_is_valid_against_the_supergraph() -> None:
    documents = load_manifests([MANIFEST])
    assert documents is not None and len(documents.texts) > 10
    schema = Router.from_sdl(SUPERGRAPH_SDL).schema
    for text in documents.texts:
        assert validate(schema, parse(text)) == [], text


@pytest.fixture
async def enforcing_router(stack: Stack) -> AsyncIterator[RunningServer]:
    engine = Router.from_sdl(
        SUPERGRAPH_SDL,
        RouterConfig(subgraph_urls=stack.subgraph_urls, trusted_document_files=(MANIFEST,)),
    )
    server = await start_server(create_app(engine))
    try:
        yield server
    finally:
        await server.stop()


async def test_a_router_enforcing_the_manifest_serves_the_storefront_by_id(
    enforcing_router: RunningServer,
) -> None:
    async with httpx.AsyncClient(base_url=enforcing_router.url, timeout=30) as client:
        catalog = await client.post(
            "/graphql",
            json={"documentId": _catalog_offerings_id(), "variables": {"first": 5}},
        )
        ad_hoc = await client.post("/graphql", json={"query": "{ offerings { totalCount } }"})
    assert catalog.status_code == 200, catalog.text
    assert "errors" not in catalog.json()
    assert isinstance(catalog.json()["data"]["offerings"]["totalCount"], int)
    assert ad_hoc.status_code == 403
    assert ad_hoc.json()["errors"][0]["extensions"]["code"] == "QUERY_NOT_IN_SAFELIST"


def _outcomes(metrics: str) -> dict[str, float]:
    prefix = 'router_trusted_documents_total{outcome="'
    return {
        line[len(prefix) :].split('"')[0]: float(line.split()[-1])
        for line in metrics.splitlines()
        if line.startswith(prefix)
    }


async def test_the_storefront_build_renders_through_an_enforcing_router(
    enforcing_router: RunningServer,
    dev_issuer_key_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    missing = missing_tools()
    if missing:
        pytest.skip(missing)
    await asyncio.to_thread(ensure_installed)
    await asyncio.to_thread(ensure_built)  # the build the browser tests reuse
    monkeypatch.setenv("CMP_STOREFRONT_DOCUMENT_IDS", "1")
    graphql_url = f"{enforcing_router.url}/graphql"
    with ExitStack() as stack:
        running = await asyncio.to_thread(
            stack.enter_context,
            serve(free_port(), graphql_url, dev_issuer_key_file, tmp_path / "next.log"),
        )
        async with httpx.AsyncClient(timeout=60) as client:
            page = await client.get(f"{running.url}/")
            metrics = (await client.get(f"{enforcing_router.url}/metrics")).text
    assert page.status_code == 200
    assert "Agents for sale" in page.text
    outcomes = _outcomes(metrics)
    # The catalog's queries (Saleor's products, then our offerings) named by id and served.
    assert outcomes.get("listed", 0) >= 1, outcomes
    assert outcomes.get("refused", 0) == 0, outcomes
