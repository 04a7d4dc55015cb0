"""A first look through the router at our whole supergraph."""

from __future__ import annotations

from cmp.serving import RunningServer
from tests.conftest import GraphQLPost


async def test_public_offerings_with_saleor_products(router: RunningServer, gql: GraphQLPost) -> None:
    body = await gql(f"{router.url}/graphql", "{ offerings(first: 5) { totalCount edges { node { slug product { id name } } } } }")
    assert "errors" not in body, body
