"""The storefront journey, end to end through our router: catalog with offerings and plans in
one query, a paid order, Saleor's signed webhook, the instance and credits visible in one
query, a run, the wallet charged — and replays of the webhook applying the order once."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from cmp.serving import RunningServer, free_port, start_server
from router.http.app import create_app as create_router_app
from router.pipeline import Router
from router.pipeline.service import RouterConfig
from subgraphs.common.auth.dev_issuer import DevIssuer
from tests.conftest import SERVICE_TOKEN, SUPERGRAPH_SDL, GraphQLPost, Stack, WorkerFactory
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


async def test_catalog_order_webhook_run_and_charge(
    storefront: Storefront,
    stack: Stack,
    gql: GraphQLPost,
    dev_issuer: DevIssuer,
    workers: WorkerFactory,
) -> None:
    product, pack, offering_slug = await staff_setup(stack, gql, dev_issuer, storefront.fake)

    # 1. The storefront's catalog: Saleor products with our offerings and plans, one query.
    catalog = await storefront.query(CATALOG, {"channel": "default-channel"})
    listed = {e["node"]["id"]: e["node"] for e in catalog["products"]["edges"]}
    assert listed[product.id]["offering"] == {
        "slug": offering_slug,
        "creditsPerRun": 7,
        "plans": [
            {
                "code": "basic",
                "includedCredits": 100,
                "variant": {"id": product.variants[0].id, "name": "Basic"},
            },
            {
                "code": "pro",
                "includedCredits": 1000,
                "variant": {"id": product.variants[1].id, "name": "Pro"},
            },
        ],
    }
    assert listed[pack.id]["offering"] is None

    # 2. A shopper signs in with Saleor and pays for one Pro plan and two credit packs.
    shopper = storefront.fake.data.add_user(password="pw")
    token = await sign_in(storefront, shopper.email)
    order = storefront.fake.data.add_order(
        shopper, lines=[(product.variants[1].pk, 1), (pack.variants[0].pk, 2)], paid=True
    )

    # 3. Saleor's signed ORDER_FULLY_PAID webhook reaches the router's host.
    response = await storefront.fake.send_order_fully_paid(storefront.webhook_url, order)
    assert response.status_code == 202

    # 4. One query shows the new organization, its ACTIVE instance and its credits.
    me = await wait_for_instances(storefront, token, 1)
    assert me["email"] == shopper.email
    organization = me["organizations"][0]
    instance = organization["instances"]["edges"][0]["node"]
    assert {k: v for k, v in instance.items() if k != "id"} == {
        "status": "ACTIVE",
        "offering": {"slug": offering_slug},
        "plan": {"code": "pro"},
        "order": {"id": order.id},
    }
    assert organization["wallet"]["balance"] == 1000 + 2 * 500
    granted = sorted(
        (e["node"]["kind"], e["node"]["amount"], e["node"]["reference"])
        for e in organization["wallet"]["entries"]["edges"]
    )
    assert granted == [("CREDIT_PURCHASE", 1000, order.id), ("PLAN_GRANT", 1000, order.id)]

    # 5. The shopper runs the agent; the worker finishes it and the wallet is charged.
    started = await storefront.query(
        """mutation($i: RunStartInput!) { runStart(input: $i) { run { id status } errors { code } } }""",
        {"i": {"instanceId": instance["id"], "input": {"input_value": "hello"}}},
        token=token,
    )
    assert started["runStart"]["errors"] == []
    await workers()
    run_id = started["runStart"]["run"]["id"]
    for _ in range(200):
        run = (
            await storefront.query(
                "query($id: ID!) { run(id: $id) { status creditsCharged output } }",
                {"id": run_id},
                token,
            )
        )["run"]
        if run["status"] == "SUCCEEDED" and run["creditsCharged"] == 7:
            break
        await asyncio.sleep(0.05)
    assert run == {
        "status": "SUCCEEDED",
        "creditsCharged": 7,
        "output": {
            "text": "echo: hello",
            "sessionId": run_id,
            "outputs": [{"componentId": "ChatOutput-x2", "kind": "message", "text": "echo: hello"}],
        },
    }
    wallet = (await storefront.query(MY_ORGANIZATIONS, token=token))["me"]["organizations"][0][
        "wallet"
    ]
    assert (wallet["balance"], wallet["reserved"]) == (2000 - 7, 0)


async def test_webhook_replays_apply_the_order_once(
    storefront: Storefront, stack: Stack, gql: GraphQLPost, dev_issuer: DevIssuer
) -> None:
    product, _pack, _slug = await staff_setup(stack, gql, dev_issuer, storefront.fake)
    shopper = storefront.fake.data.add_user(password="pw")
    token = await sign_in(storefront, shopper.email)
    order = storefront.fake.data.add_order(shopper, lines=[(product.variants[0].pk, 2)], paid=True)
    async with httpx.AsyncClient(timeout=30) as http:
        concurrent = await asyncio.gather(
            *(
                storefront.fake.send_order_fully_paid(storefront.webhook_url, order, http=http)
                for _ in range(50)
            )
        )
        sequential = [
            await storefront.fake.send_order_fully_paid(
                storefront.webhook_url, order, http=http, shape="subscription"
            )
            for _ in range(50)
        ]
    assert {r.status_code for r in (*concurrent, *sequential)} == {202}
    for _ in range(400):
        pending = await storefront.webhooks.inbox.listing("PENDING", limit=200)
        if not [d for d in pending if d.order_id == order.id]:
            break
        await asyncio.sleep(0.05)
    processed = [
        d
        for d in await storefront.webhooks.inbox.listing("PROCESSED", limit=500)
        if d.order_id == order.id
    ]
    assert len(processed) == 100
    me = await wait_for_instances(storefront, token, 2)
    assert len(me["organizations"]) == 1
    organization = me["organizations"][0]
    assert organization["instances"]["totalCount"] == 2  # one per unit bought, once
    entries = [e["node"] for e in organization["wallet"]["entries"]["edges"]]
    assert [(e["kind"], e["amount"]) for e in entries] == [("PLAN_GRANT", 200)]
    assert organization["wallet"]["balance"] == 200


async def test_forged_and_unknown_deliveries_change_nothing(
    storefront: Storefront, stack: Stack, gql: GraphQLPost, dev_issuer: DevIssuer
) -> None:
    product, _pack, _slug = await staff_setup(stack, gql, dev_issuer, storefront.fake)
    shopper = storefront.fake.data.add_user(password="pw")
    token = await sign_in(storefront, shopper.email)
    order = storefront.fake.data.add_order(shopper, lines=[(product.variants[0].pk, 1)], paid=True)
    headers, body = storefront.fake.signed_delivery(order)
    async with httpx.AsyncClient() as http:
        tampered = body.replace(order.id.encode(), b"T3JkZXI6ZXZpbA==")
        cases = [
            (tampered, headers, 401),
            (body, {**headers, "Saleor-Api-Url": "https://evil.example/graphql/"}, 401),
            (body, {k: v for k, v in headers.items() if k.lower() != "saleor-signature"}, 401),
            (body, {**headers, "Saleor-Event": "order_created"}, 200),
        ]
        for content, sent, status in cases:
            response = await http.post(storefront.webhook_url, content=content, headers=sent)
            assert response.status_code == status
    assert [
        d for d in await storefront.webhooks.inbox.listing(limit=500) if d.order_id == order.id
    ] == []
    me = (await storefront.query(MY_ORGANIZATIONS, token=token))["me"]
    assert me["organizations"] == []
