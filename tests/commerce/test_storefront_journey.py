"""The storefront journey, end to end through our router: catalog with offerings and plans in
one query, a paid order, Saleor's signed webhook, the instance and credits visible in one
query, a run, the wallet charged — and replays of the webhook applying the order once."""

from __future__ import annotations

import asyncio

import httpx

from kernel.auth.dev_issuer import DevIssuer
from tests.commerce.conftest import (
    CATALOG,
    MY_ORGANIZATIONS,
    sign_in,
    staff_setup,
    wait_for_instances,
)
from tests.conftest import GraphQLPost, Stack, WorkerFactory
from tests.support.shop_router import ShopRouter


async def test_catalog_order_webhook_run_and_charge(
    shop: ShopRouter,
    stack: Stack,
    gql: GraphQLPost,
    dev_issuer: DevIssuer,
    workers: WorkerFactory,
) -> None:
    product, pack, offering_slug = await staff_setup(stack, gql, dev_issuer, shop.fake)

    # 1. The storefront's catalog: Saleor products with our offerings and plans, one query.
    catalog = await shop.data(CATALOG, {"channel": "default-channel"})
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
    shopper = shop.fake.data.add_user(password="pw")
    token = await sign_in(shop, shopper.email)
    order = shop.fake.data.add_order(
        shopper, lines=[(product.variants[1].pk, 1), (pack.variants[0].pk, 2)], paid=True
    )

    # 3. Saleor's signed ORDER_FULLY_PAID webhook reaches the router's host.
    response = await shop.fake.send_order_fully_paid(shop.webhook_url, order)
    assert response.status_code == 202

    # 4. One query shows the new organization, its ACTIVE instance and its credits.
    me = await wait_for_instances(shop, token, 1)
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
    started = await shop.data(
        """mutation($i: RunStartInput!) { runStart(input: $i) { run { id status } errors { code } } }""",
        {"i": {"instanceId": instance["id"], "input": {"input_value": "hello"}}},
        token=token,
    )
    assert started["runStart"]["errors"] == []
    await workers()
    run_id = started["runStart"]["run"]["id"]
    for _ in range(200):
        run = (
            await shop.data(
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
    wallet = (await shop.data(MY_ORGANIZATIONS, token=token))["me"]["organizations"][0]["wallet"]
    assert (wallet["balance"], wallet["reserved"]) == (2000 - 7, 0)


async def test_webhook_replays_apply_the_order_once(
    shop: ShopRouter, stack: Stack, gql: GraphQLPost, dev_issuer: DevIssuer
) -> None:
    product, _pack, _slug = await staff_setup(stack, gql, dev_issuer, shop.fake)
    shopper = shop.fake.data.add_user(password="pw")
    token = await sign_in(shop, shopper.email)
    order = shop.fake.data.add_order(shopper, lines=[(product.variants[0].pk, 2)], paid=True)
    async with httpx.AsyncClient(timeout=30) as http:
        concurrent = await asyncio.gather(
            *(
                shop.fake.send_order_fully_paid(shop.webhook_url, order, http=http)
                for _ in range(50)
            )
        )
        sequential = [
            await shop.fake.send_order_fully_paid(
                shop.webhook_url, order, http=http, shape="subscription"
            )
            for _ in range(50)
        ]
    assert {r.status_code for r in (*concurrent, *sequential)} == {202}
    for _ in range(400):
        pending = await shop.webhooks.inbox.listing("PENDING", limit=200)
        if not [d for d in pending if d.order_id == order.id]:
            break
        await asyncio.sleep(0.05)
    processed = [
        d
        for d in await shop.webhooks.inbox.listing("PROCESSED", limit=500)
        if d.order_id == order.id
    ]
    assert len(processed) == 100
    me = await wait_for_instances(shop, token, 2)
    assert len(me["organizations"]) == 1
    organization = me["organizations"][0]
    assert organization["instances"]["totalCount"] == 2  # one per unit bought, once
    entries = [e["node"] for e in organization["wallet"]["entries"]["edges"]]
    assert [(e["kind"], e["amount"]) for e in entries] == [("PLAN_GRANT", 200)]
    assert organization["wallet"]["balance"] == 200


async def test_forged_and_unknown_deliveries_change_nothing(
    shop: ShopRouter, stack: Stack, gql: GraphQLPost, dev_issuer: DevIssuer
) -> None:
    product, _pack, _slug = await staff_setup(stack, gql, dev_issuer, shop.fake)
    shopper = shop.fake.data.add_user(password="pw")
    token = await sign_in(shop, shopper.email)
    order = shop.fake.data.add_order(shopper, lines=[(product.variants[0].pk, 1)], paid=True)
    headers, body = shop.fake.signed_delivery(order)
    async with httpx.AsyncClient() as http:
        tampered = body.replace(order.id.encode(), b"T3JkZXI6ZXZpbA==")
        cases = [
            (tampered, headers, 401),
            (body, {**headers, "Saleor-Api-Url": "https://evil.example/graphql/"}, 401),
            (body, {k: v for k, v in headers.items() if k.lower() != "saleor-signature"}, 401),
            (body, {**headers, "Saleor-Event": "order_created"}, 200),
        ]
        for content, sent, status in cases:
            response = await http.post(shop.webhook_url, content=content, headers=sent)
            assert response.status_code == status
    assert [d for d in await shop.webhooks.inbox.listing(limit=500) if d.order_id == order.id] == []
    me = (await shop.data(MY_ORGANIZATIONS, token=token))["me"]
    assert me["organizations"] == []
