"""The storefront's operations as a trusted-document manifest: `npm run codegen` writes
storefront/src/gql/persisted-documents.json (checked current by test_checks.py), the router
reads it as it is, every document in it is valid against schema/supergraph.graphql, and a
router enforcing it serves the storefront's operations by id in front of the real subgraphs
while refusing anything else."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from graphql import parse, validate

from cmp.serving import RunningServer, start_server
from router.http import create_app
from router.pipeline import Router, RouterConfig
from router.pipeline.manifests import load_manifests
from tests.conftest import SUPERGRAPH_SDL, Stack
from tests.storefront.app import STOREFRONT
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
