"""The commerce path through the one endpoint, over real HTTP, with the Saleor fake serving a
faithful subset of Saleor 3.22's SDL: Saleor set up by `cmp saleor bootstrap` and `sync`;
the catalog with channel, where/filter, sortBy and pagination, product → offering → plans;
checkoutCreate (the `cmp.organization` metadata, email, digital lines, no shipping), payment,
checkoutComplete → the order → Saleor's signed ORDER_FULLY_PAID to the router's webhook →
an instance and credits, seen in `me { orders { … instances } }`; and Saleor's errors
reaching the client as Saleor wrote them."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import httpx
import pytest

from cmp.saleor.bootstrap import BootstrapOptions, BootstrapReport, bootstrap, sign_in
from cmp.saleor.client import GraphQLClient
from cmp.saleor.prices import parse_prices
from cmp.saleor.sync import SyncReport, sync
from kernel.auth.dev_issuer import DevIssuer
from tests.conftest import SERVICE_TOKEN, GraphQLPost, Stack
from tests.support.shop_router import ShopRouter
from tests.support.users import new_user

CHANNEL = "default-channel"
BILLING = {
    "firstName": "Ada",
    "lastName": "Lovelace",
    "streetAddress1": "1 Analytical Way",
    "city": "London",
    "postalCode": "N1 9GU",
    "country": "GB",
}
CATALOG = """query Catalog($channel: String!, $slugs: [String!]!, $first: Int!, $after: String) {
  products(channel: $channel, first: $first, after: $after,
           where: {slug: {oneOf: $slugs}}, sortBy: {field: NAME, direction: DESC}) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id name slug isAvailableForPurchase productType { isShippingRequired }
      pricing { priceRange { start { gross { amount currency } } } }
      offering { slug creditsPerRun plans { code includedCredits
        variant { id sku name pricing { price { gross { amount } } } } } }
      variants { sku creditPack } } } } }"""
SEARCH = """query Search($channel: String!, $search: String!) {
  products(channel: $channel, first: 10, filter: {search: $search},
           sortBy: {field: PRICE, direction: ASC}) {
    edges { node { slug offering { slug } } } } }"""
CHECKOUT_CREATE = """mutation Cart($input: CheckoutCreateInput!) { checkoutCreate(input: $input) {
  checkout { id email isShippingRequired totalPrice { gross { amount currency } }
    metadata { key value } lines { quantity requiresShipping variant { sku } } }
  errors { field code message variants } } }"""
PAYMENT = """mutation Pay($id: ID!, $input: PaymentInput!) { checkoutPaymentCreate(id: $id, input: $input) {
  payment { gateway chargeStatus total { amount } } errors { field code message } } }"""
COMPLETE = """mutation Complete($id: ID!) { checkoutComplete(id: $id) {
  order { id number isPaid status userEmail metadata { key value } }
  errors { field code message } } }"""
MY_ORDERS = """query MyOrders { me { email
  orders(first: 10) { edges { node { id number isPaid
    instances { id status offering { slug } plan { code } } } } }
  organizations { id name wallet { balance } } } }"""


def _edges(connection: dict[str, Any]) -> list[dict[str, Any]]:
    return [edge["node"] for edge in connection["edges"]]


async def set_up_saleor(
    shop: ShopRouter, stack: Stack, gql: GraphQLPost, issuer: DevIssuer
) -> tuple[BootstrapReport, SyncReport, list[str]]:
    """What an operator does once: offerings in control-plane, then `cmp saleor bootstrap`
    (the webhook to this router) and `cmp saleor sync` with a price list."""
    staff = new_user(issuer, "staff", staff=True)
    suffix = uuid.uuid4().hex[:8]
    slugs = [f"scribe-{suffix}", f"analyst-{suffix}"]
    for slug, name, credits in (
        (slugs[0], f"Scribe {suffix}", 5),
        (slugs[1], f"Analyst {suffix}", 9),
    ):
        created = await gql(
            stack.control_plane_url,
            """mutation($i: OfferingCreateInput!) { offeringCreate(input: $i) {
                 offering { id } errors { message } } }""",
            {
                "i": {
                    "slug": slug,
                    "name": name,
                    "description": f"{name} writes for you.",
                    "flowId": "echo",
                    "creditsPerRun": credits,
                    "plans": [
                        {"code": "basic", "name": "Basic", "includedCredits": 100},
                        {"code": "pro", "name": "Pro", "includedCredits": 1000},
                    ],
                }
            },
            token=staff.token,
        )
        assert created["data"]["offeringCreate"]["errors"] == [], created
    prices = parse_prices(
        f"""channel = "{CHANNEL}"
[offerings.{slugs[0]}.plans]
basic = "9.00"
pro = "29.00"
[[offerings.{slugs[0]}.credit_packs]]
credits = 500
price = "5.00"
[offerings.{slugs[1]}.plans]
basic = "19.00"
pro = "49.00"
"""
    )

    def operator() -> tuple[BootstrapReport, SyncReport]:
        saleor = GraphQLClient(stack.saleor_url)
        as_staff = saleor.with_bearer(sign_in(saleor, "staff@example.com", "staff-password"))
        setup = bootstrap(as_staff, BootstrapOptions(shop.webhook_url, app_name=f"CMP {suffix}"))
        assert setup.app_token is not None
        control_plane = GraphQLClient(
            stack.control_plane_url, {"X-CMP-Service-Token": SERVICE_TOKEN}
        )
        catalog = sync(
            saleor.with_bearer(setup.app_token), control_plane, prices, only=frozenset(slugs)
        )
        return setup, catalog

    setup, catalog = await asyncio.to_thread(operator)
    return setup, catalog, slugs


async def test_checkout_to_instance_through_the_router(
    shop: ShopRouter, stack: Stack, gql: GraphQLPost, dev_issuer: DevIssuer
) -> None:
    setup, synced, slugs = await set_up_saleor(shop, stack, gql, dev_issuer)
    assert setup.changed and synced.changed
    scribe, analyst = slugs
    try:
        # 1. The catalog: Saleor's products, filtered, sorted and paged, with our offerings.
        first = (await shop.data(CATALOG, {"channel": CHANNEL, "slugs": slugs, "first": 1}))[
            "products"
        ]
        assert first["totalCount"] == 2 and first["pageInfo"]["hasNextPage"] is True
        [page_one] = _edges(first)
        second = (
            await shop.data(
                CATALOG,
                {
                    "channel": CHANNEL,
                    "slugs": slugs,
                    "first": 1,
                    "after": first["pageInfo"]["endCursor"],
                },
            )
        )["products"]
        [page_two] = _edges(second)
        assert second["pageInfo"]["hasNextPage"] is False
        assert [page_one["slug"], page_two["slug"]] == [scribe, analyst]  # NAME DESC: S > A
        product = page_one
        assert product["isAvailableForPurchase"] is True
        assert product["productType"] == {"isShippingRequired": False}
        assert product["pricing"]["priceRange"]["start"]["gross"] == {
            "amount": 5.0,
            "currency": "USD",
        }
        plans = {p["code"]: p for p in product["offering"]["plans"]}
        assert product["offering"]["slug"] == scribe and product["offering"]["creditsPerRun"] == 5
        assert {
            code: (p["includedCredits"], p["variant"]["sku"], p["variant"]["pricing"])
            for code, p in plans.items()
        } == {
            "basic": (100, f"{scribe}-basic", {"price": {"gross": {"amount": 9.0}}}),
            "pro": (1000, f"{scribe}-pro", {"price": {"gross": {"amount": 29.0}}}),
        }
        assert {v["sku"]: v["creditPack"] for v in product["variants"]} == {
            f"{scribe}-basic": None,
            f"{scribe}-pro": None,
            f"{scribe}-credits-500": 500,
        }
        searched = await shop.data(SEARCH, {"channel": CHANNEL, "search": scribe})
        assert [(p["slug"], p["offering"]["slug"]) for p in _edges(searched["products"])] == [
            (scribe, scribe)
        ]

        # 2. A shopper signs in with Saleor through the router and opens an organization.
        shopper = shop.fake.data.add_user(password="pw")
        signed_in = await shop.data(
            'mutation($e: String!) { tokenCreate(email: $e, password: "pw") { token errors { code } } }',
            {"e": shopper.email},
        )
        token = signed_in["tokenCreate"]["token"]
        organization = (
            await shop.data(
                'mutation { organizationCreate(input: {name: "Ada Labs"}) { organization { id } errors { message } } }',
                token=token,
            )
        )["organizationCreate"]["organization"]["id"]

        # 3. Checkout: digital lines (no shipping), the organization in the metadata, payment.
        pro = plans["pro"]["variant"]["id"]
        pack = next(v for v in product["variants"] if v["sku"].endswith("credits-500"))
        pack_id = (
            await shop.data(
                'query($sku: String!) { productVariant(sku: $sku, channel: "default-channel") { id } }',
                {"sku": pack["sku"]},
            )
        )["productVariant"]["id"]
        cart = (
            await shop.data(
                CHECKOUT_CREATE,
                {
                    "input": {
                        "channel": CHANNEL,
                        "email": shopper.email,
                        "lines": [
                            {"variantId": pro, "quantity": 1},
                            {"variantId": pack_id, "quantity": 2},
                        ],
                        "billingAddress": BILLING,
                        "metadata": [{"key": "cmp.organization", "value": organization}],
                    }
                },
                token,
            )
        )["checkoutCreate"]
        assert cart["errors"] == []
        checkout = cart["checkout"]
        assert checkout["isShippingRequired"] is False
        assert checkout["totalPrice"]["gross"] == {"amount": 39.0, "currency": "USD"}
        assert checkout["metadata"] == [{"key": "cmp.organization", "value": organization}]
        assert sorted(
            (line["variant"]["sku"], line["quantity"], line["requiresShipping"])
            for line in checkout["lines"]
        ) == [
            (f"{scribe}-credits-500", 2, False),
            (f"{scribe}-pro", 1, False),
        ]
        unpaid = (await shop.data(COMPLETE, {"id": checkout["id"]}, token))["checkoutComplete"]
        assert unpaid == {
            "order": None,
            "errors": [
                {
                    "field": None,
                    "code": "CHECKOUT_NOT_FULLY_PAID",
                    "message": "Provided payment methods can not cover the checkout's total amount",
                }
            ],
        }
        paid = (
            await shop.data(
                PAYMENT,
                {
                    "id": checkout["id"],
                    "input": {
                        "gateway": "mirumee.payments.dummy",
                        "token": "charged",
                        "amount": 39.0,
                    },
                },
                token,
            )
        )["checkoutPaymentCreate"]
        assert paid == {
            "payment": {
                "gateway": "mirumee.payments.dummy",
                "chargeStatus": "NOT_CHARGED",
                "total": {"amount": 39.0},
            },
            "errors": [],
        }
        completed = (await shop.data(COMPLETE, {"id": checkout["id"]}, token))["checkoutComplete"]
        assert completed["errors"] == []
        order = completed["order"]
        assert (order["isPaid"], order["status"], order["userEmail"]) == (
            True,
            "UNFULFILLED",
            shopper.email,
        )
        assert order["metadata"] == [{"key": "cmp.organization", "value": organization}]

        # 4. Saleor signs ORDER_FULLY_PAID to the webhook bootstrap registered: the router's.
        await shop.fake.delivered()
        [delivery] = [d for d in shop.fake.deliveries if order["id"].encode() in d.body]
        assert (delivery.url, delivery.status_code) == (shop.webhook_url, 202)
        assert delivery.body == f'{{"order": {{"id": "{order["id"]}"}}}}'.encode()  # the query's

        # 5. One query: the order, its instance, the organization's credits.
        me = await _wait_for_instance(shop, token, order["id"])
        [mine] = [o for o in _edges(me["orders"]) if o["id"] == order["id"]]
        assert (mine["number"], mine["isPaid"]) == (order["number"], True)
        [instance] = mine["instances"]
        assert {k: v for k, v in instance.items() if k != "id"} == {
            "status": "ACTIVE",
            "offering": {"slug": scribe},
            "plan": {"code": "pro"},
        }
        assert me["organizations"] == [
            {"id": organization, "name": "Ada Labs", "wallet": {"balance": 1000 + 2 * 500}}
        ]

        # 6. Completing again answers with the same order, as Saleor does; nothing more happens.
        again = (await shop.data(COMPLETE, {"id": checkout["id"]}, token))["checkoutComplete"]
        assert again["order"]["id"] == order["id"]
    finally:
        for webhook in shop.fake.data.webhooks:  # stop delivering to this test's router
            if webhook.target_url == shop.webhook_url:
                webhook.is_active = False


async def _wait_for_instance(shop: ShopRouter, token: str, order_id: str) -> dict[str, Any]:
    for _ in range(200):
        me: dict[str, Any] = (await shop.data(MY_ORDERS, token=token))["me"]
        if any(o["id"] == order_id and o["instances"] for o in _edges(me["orders"])):
            return me
        await asyncio.sleep(0.05)
    raise AssertionError("the paid order never provisioned an instance")


# ---------------------------------------------------------------------------- Saleor's errors


ERROR_CASES = [
    # A mutation's own errors: data, passed on as they are.
    (
        """mutation { checkoutCreate(input: {channel: "no-such-channel", lines: []}) {
             checkout { id } errors { field code message variants } } }""",
        None,
    ),
    (
        """mutation { checkoutPaymentCreate(id: "Q2hlY2tvdXQ6YjJhNjAxMzQtNzMxNC00ZGM0LTk3MDktMzIyMWFhMWI0MTJl",
             input: {gateway: "mirumee.payments.dummy"}) { errors { field code message } } }""",
        None,
    ),
    # Top-level errors: message, path and Saleor's extensions.exception.code kept.
    ("query { orders(first: 1) { edges { node { id } } } }", "shopper"),
    ('query { products(first: 101, channel: "default-channel") { edges { node { id } } } }', None),
    ('query { product(id: "not-an-id", channel: "default-channel") { id } }', None),
]


@pytest.mark.parametrize(("document", "who"), ERROR_CASES)
async def test_saleors_errors_reach_the_client_unchanged(
    shop: ShopRouter, stack: Stack, document: str, who: str | None
) -> None:
    headers: dict[str, str] = {}
    token = None
    if who == "shopper":
        shopper = shop.fake.data.add_user(password="pw")
        async with httpx.AsyncClient() as http:
            signed = await http.post(
                stack.saleor_url,
                json={
                    "query": 'mutation($e: String!) { tokenCreate(email: $e, password: "pw") { token } }',
                    "variables": {"e": shopper.email},
                },
            )
        token = signed.json()["data"]["tokenCreate"]["token"]
        headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient() as http:
        direct = (
            await http.post(stack.saleor_url, json={"query": document}, headers=headers)
        ).json()
    routed = await shop.post(document, token=token)
    assert routed.get("data") == direct.get("data")
    assert [_saleor_part(e) for e in routed.get("errors", [])] == [
        _saleor_part(e) for e in direct.get("errors", [])
    ]
    for error in routed.get("errors", []):
        assert error["extensions"]["service"] == "saleor"  # the router says where it came from


def _saleor_part(error: dict[str, Any]) -> dict[str, Any]:
    """What Saleor wrote: message, path, its extensions (the router adds `service`; the
    subgraph's `locations` point into its own request, so the router drops them)."""
    extensions = {k: v for k, v in (error.get("extensions") or {}).items() if k != "service"}
    return {"message": error["message"], "path": error.get("path"), "extensions": extensions}
