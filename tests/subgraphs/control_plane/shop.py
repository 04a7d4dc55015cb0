"""Shopping against the Saleor fake over real HTTP, for the order tests: shoppers signed in
with the fake's `tokenCreate` (so the Saleor `User` id on an order is the one their tokens
carry), a catalog whose variants sell a plan and a credit pack, and the calls and checks the
order tests share (saleorOrderProcess, saleorOrderClaim, wallets, what control-plane holds)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from kernel.database import Database
from kernel.service_client import ServiceClient
from subgraphs.control_plane import models
from subgraphs.control_plane.clients import Billing, SaleorOrders
from subgraphs.control_plane.orders import OrderProcessor
from tests.conftest import SALEOR_APP_TOKEN, SERVICE_TOKEN, GraphQLPost, Stack
from tests.fakes.saleor.app import FakeSaleor
from tests.fakes.saleor.data import Order, Product, User

PROCESS = """mutation($id: ID!) { saleorOrderProcess(orderId: $id) {
  orderId alreadyProcessed creditsGranted
  instances { id name status organization { id } offering { id } plan { id } order { id } }
  errors { field code message } } }"""
WALLET = """query($org: ID!) { wallet(organizationId: $org) {
  balance entries(first: 100) { edges { node { kind amount reference } } } } }"""
CLAIM = """mutation($o: ID!, $org: ID!) { saleorOrderClaim(orderId: $o, organizationId: $org) {
  orderId alreadyProcessed creditsGranted instances { id organization { id } }
  errors { field code message } } }"""
SIGN_IN = """mutation($e: String!, $p: String!) { tokenCreate(email: $e, password: $p) {
  token errors { code } } }"""
ORGANIZATIONS = "{ organizations { id name members { role status user { id } } } }"
INVITE = """mutation($i: MemberAddInput!) { memberAdd(input: $i) { errors { code } } }"""
ACCEPT = """mutation($o: ID!) { membershipAccept(organizationId: $o) { errors { code } } }"""
PLAN_CREDITS, PACK_CREDITS = 100, 250


@dataclass
class Shopper:
    user: User
    token: str  # a Saleor access token from the fake's tokenCreate


@dataclass
class Catalog:
    product: Product
    offering: dict[str, Any]

    @property
    def plan_variant(self) -> int:
        return self.product.variants[0].pk

    @property
    def pack_variant(self) -> int:
        return self.product.variants[1].pk

    @property
    def plain_variant(self) -> int:  # sold in Saleor, linked to nothing of ours
        return self.product.variants[2].pk


@dataclass
class Shop:
    saleor: FakeSaleor
    gql: GraphQLPost
    stack: Stack

    async def shopper(self, staff: bool = False) -> Shopper:
        user = self.saleor.data.add_user(password="pw", is_staff=staff)
        body = await self.gql(self.stack.saleor_url, SIGN_IN, {"e": user.email, "p": "pw"})
        return Shopper(user, body["data"]["tokenCreate"]["token"])

    async def process(self, order_id: str, **auth: Any) -> dict[str, Any]:
        body = await self.gql(self.stack.control_plane_url, PROCESS, {"id": order_id}, **auth)
        assert "errors" not in body, body
        payload: dict[str, Any] = body["data"]["saleorOrderProcess"]
        return payload

    async def claim(self, order_id: str, org_id: str, **auth: Any) -> dict[str, Any]:
        body = await self.gql(
            self.stack.control_plane_url, CLAIM, {"o": order_id, "org": org_id}, **auth
        )
        assert "errors" not in body, body
        payload: dict[str, Any] = body["data"]["saleorOrderClaim"]
        return payload

    async def organization(self, shopper: Shopper, name: str) -> str:
        body = await self.gql(
            self.stack.control_plane_url,
            "mutation($i: OrganizationCreateInput!) { organizationCreate(input: $i) {"
            " organization { id } errors { code } } }",
            {"i": {"name": name}},
            token=shopper.token,
        )
        assert body["data"]["organizationCreate"]["errors"] == [], body
        org_id: str = body["data"]["organizationCreate"]["organization"]["id"]
        return org_id

    async def invite(
        self, manager: Shopper, org_id: str, user: Shopper, role: str, accept: bool = True
    ) -> None:
        """`manager` invites `user`; with `accept`, the user accepts (membership by consent)."""
        invited = await self.gql(
            self.stack.control_plane_url,
            INVITE,
            {"i": {"organizationId": org_id, "userId": user.user.id, "role": role}},
            token=manager.token,
        )
        assert invited["data"]["memberAdd"]["errors"] == [], invited
        if accept:
            accepted = await self.gql(
                self.stack.control_plane_url, ACCEPT, {"o": org_id}, token=user.token
            )
            assert accepted["data"]["membershipAccept"]["errors"] == [], accepted

    async def organizations(self, shopper: Shopper) -> list[dict[str, Any]]:
        body = await self.gql(self.stack.control_plane_url, ORGANIZATIONS, token=shopper.token)
        orgs: list[dict[str, Any]] = body["data"]["organizations"]
        return orgs

    async def wallet(self, org_id: str, shopper: Shopper) -> tuple[int, list[tuple[str, int, str]]]:
        body = await self.gql(self.stack.billing_url, WALLET, {"org": org_id}, token=shopper.token)
        assert "errors" not in body, body
        wallet = body["data"]["wallet"]
        entries = [
            (e["node"]["kind"], e["node"]["amount"], e["node"]["reference"])
            for e in wallet["entries"]["edges"]
        ]
        return wallet["balance"], sorted(entries)

    async def order_entity(self, order: Order, shopper: Shopper) -> tuple[list[str], int]:
        """Order.instances (control-plane) and Order.creditsGranted (billing), as the router
        asks for them: `_entities` with the order's id."""
        reps = {"r": [{"__typename": "Order", "id": order.id}]}
        cp = await self.gql(
            self.stack.control_plane_url,
            "query($r: [_Any!]!) { _entities(representations: $r) {"
            " ... on Order { id instances { id } } } }",
            reps,
            token=shopper.token,
        )
        billing = await self.gql(
            self.stack.billing_url,
            "query($r: [_Any!]!) { _entities(representations: $r) {"
            " ... on Order { id creditsGranted } } }",
            reps,
            token=shopper.token,
        )
        [cp_order], [billing_order] = cp["data"]["_entities"], billing["data"]["_entities"]
        assert cp_order["id"] == billing_order["id"] == order.id
        return sorted(i["id"] for i in cp_order["instances"]), billing_order["creditsGranted"]

    async def applied(self, order: Order) -> tuple[int, str | None]:
        """(instances, the order_applications status) control-plane holds for the order."""
        async with self.stack.control_plane_db.session() as session:
            instances = await session.scalar(
                select(func.count()).where(models.Instance.order_id == order.id)
            )
            status = await session.scalar(
                select(models.OrderApplication.status).where(
                    models.OrderApplication.order_id == order.id
                )
            )
        return int(instances or 0), status


def ids(instances: Sequence[dict[str, Any]]) -> list[str]:
    return sorted(i["id"] for i in instances)


@asynccontextmanager
async def processes(
    stack: Stack, database_url: str, count: int
) -> AsyncIterator[list[OrderProcessor]]:
    """The order processors of `count` control-plane processes, each with its own database
    pool (and so its own in-process locks), calling billing and Saleor as control-plane does."""
    dbs = [Database(database_url, pool_size=2) for _ in range(count)]
    billing = ServiceClient.internal("billing", stack.billing_url, SERVICE_TOKEN)
    saleor = ServiceClient(
        "Saleor", stack.saleor_url, {"Authorization": f"Bearer {SALEOR_APP_TOKEN}"}
    )
    await billing.connect()
    await saleor.connect()
    try:
        yield [OrderProcessor(db, SaleorOrders(saleor), Billing(billing), 100) for db in dbs]
    finally:
        await billing.aclose()
        await saleor.aclose()
        for db in dbs:
            await db.dispose()
