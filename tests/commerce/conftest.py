"""The storefront as production runs it, for the commerce tests: our router with the service
credential and the webhook endpoint on its host, the Saleor fake, and the staff set-up that
links a Saleor product (plans as variants) and a credit pack to an offering."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest

from cmp.serving import RunningServer, free_port, start_server
from kernel.auth.dev_issuer import DevIssuer
from router.http.app import create_app as create_router_app
from router.pipeline import Router
from router.pipeline.service import RouterConfig
from tests.conftest import SERVICE_TOKEN, SUPERGRAPH_SDL, GraphQLPost, Stack
from tests.fakes.saleor.app import FakeSaleor
from tests.support.users import new_user
from webhooks.saleor.service import SaleorWebhooks
from webhooks.saleor.settings import WebhookSettings

CATALOG = """query Catalog($channel: String) {
  products(first: 50, channel: $channel) { edges { node {
    id name
    offering { slug creditsPerRun plans { code includedCredits variant { id name } } }
  } } }
}"""

MY_ORGANIZATIONS = """query Me { me { email organizations {
  id
  wallet { balance reserved entries(first: 10) { edges { node { kind amount reference } } } }
  instances(first: 10) { totalCount edges { node { id status offering { slug } plan { code } order { id } } } }
} } }"""


@dataclass
class Storefront:
    router: RunningServer
    webhooks: SaleorWebhooks
    fake: FakeSaleor
    gql: GraphQLPost

    @property
    def graphql(self) -> str:
        return f"{self.router.url}/graphql"

    @property
    def webhook_url(self) -> str:
        return f"{self.router.url}/webhooks/saleor"

    async def query(
        self, document: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> dict[str, Any]:
        body = await self.gql(self.graphql, document, variables, token=token)
        assert "errors" not in body, body
        data: dict[str, Any] = body["data"]
        return data


@pytest.fixture
async def storefront(
    stack: Stack, gql: GraphQLPost, database_url: str
) -> AsyncIterator[Storefront]:
    """The router as production runs it: service credential, webhook endpoint on its host."""
    port = free_port()
    settings = WebhookSettings(
        database_url=database_url,
        service_token=SERVICE_TOKEN,
        saleor_api_url=stack.saleor_url,
        supergraph_url=f"http://127.0.0.1:{port}/graphql",
        webhook_backoff_seconds=0.2,
    )
    webhooks = SaleorWebhooks(settings)
    engine = Router.from_sdl(
        SUPERGRAPH_SDL, RouterConfig(subgraph_urls=stack.subgraph_urls, service_token=SERVICE_TOKEN)
    )
    server = await start_server(
        create_router_app(engine, extra_routes=webhooks.routes()), port=port
    )
    await webhooks.start()
    try:
        yield Storefront(server, webhooks, FakeSaleor.of(stack.saleor_app, stack.saleor_url), gql)
    finally:
        await webhooks.stop()
        await server.stop()


async def staff_setup(stack: Stack, gql: GraphQLPost, issuer: DevIssuer, fake: FakeSaleor) -> Any:
    """Staff link a Saleor product (plans as variants) and a credit pack to an offering."""
    staff = new_user(issuer, "staff", staff=True)
    product = fake.data.add_product("Journey Agent", [("Basic", 9.0), ("Pro", 29.0)])
    pack = fake.data.add_product("Journey Credits", [("500 credits", 5.0)])
    created = await gql(
        stack.control_plane_url,
        """mutation($i: OfferingCreateInput!) { offeringCreate(input: $i) { offering { slug } errors { message } } }""",
        {
            "i": {
                "slug": f"journey-{product.pk}",
                "name": "Journey Agent",
                "flowId": "echo",
                "creditsPerRun": 7,
                "productId": product.id,
                "plans": [
                    {
                        "code": "basic",
                        "name": "Basic",
                        "includedCredits": 100,
                        "variantId": product.variants[0].id,
                    },
                    {
                        "code": "pro",
                        "name": "Pro",
                        "includedCredits": 1000,
                        "variantId": product.variants[1].id,
                    },
                ],
            }
        },
        token=staff.token,
    )
    assert created["data"]["offeringCreate"]["errors"] == [], created
    packed = await gql(
        stack.control_plane_url,
        "mutation($i: CreditPackSetInput!) { creditPackSet(input: $i) { errors { message } } }",
        {"i": {"variantId": pack.variants[0].id, "credits": 500}},
        token=staff.token,
    )
    assert packed["data"]["creditPackSet"]["errors"] == []
    return product, pack, created["data"]["offeringCreate"]["offering"]["slug"]


async def sign_in(storefront: Storefront, email: str) -> str:
    data = await storefront.query(
        'mutation($e: String!) { tokenCreate(email: $e, password: "pw") { token errors { code } } }',
        {"e": email},
    )
    token: str = data["tokenCreate"]["token"]
    return token


async def wait_for_instances(storefront: Storefront, token: str, count: int) -> dict[str, Any]:
    for _ in range(200):
        me: dict[str, Any] = (await storefront.query(MY_ORGANIZATIONS, token=token))["me"]
        if me["organizations"] and me["organizations"][0]["instances"]["totalCount"] >= count:
            return me
        await asyncio.sleep(0.05)
    raise AssertionError("the paid order never showed up")
