"""For the commerce tests: the router as production runs it (tests/support/shop_router.py) with
the Saleor fake, and the staff set-up that links a Saleor product (plans as variants) and a
credit pack to an offering."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest

from kernel.auth.dev_issuer import DevIssuer
from tests.conftest import GraphQLPost, Stack
from tests.fakes.saleor.app import FakeSaleor
from tests.support.shop_router import ShopRouter, shop_router
from tests.support.users import new_user

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


@pytest.fixture
async def shop(stack: Stack, gql: GraphQLPost, database_url: str) -> AsyncIterator[ShopRouter]:
    async with shop_router(stack, gql, database_url) as router:
        yield router


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


async def sign_in(shop: ShopRouter, email: str) -> str:
    data = await shop.data(
        'mutation($e: String!) { tokenCreate(email: $e, password: "pw") { token errors { code } } }',
        {"e": email},
    )
    token: str = data["tokenCreate"]["token"]
    return token


async def wait_for_instances(shop: ShopRouter, token: str, count: int) -> dict[str, Any]:
    for _ in range(200):
        me: dict[str, Any] = (await shop.data(MY_ORGANIZATIONS, token=token))["me"]
        if me["organizations"] and me["organizations"][0]["instances"]["totalCount"] >= count:
            return me
        await asyncio.sleep(0.05)
    raise AssertionError("the paid order never showed up")
