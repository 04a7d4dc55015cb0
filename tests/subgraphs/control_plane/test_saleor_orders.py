"""saleorOrderProcess over HTTP against the Saleor fake: control-plane reads the order from
Saleor with its app token and applies it once — instances for plan variants, credits for plan
grants and credit packs (checked in billing's wallet and ledger), the organization from the
order's metadata, the buyer's memberships or a new one — and refuses without changing anything.

Buyers are Saleor users of the fake signed in with its `tokenCreate`, so the Saleor `User` id
on the order is the one their tokens carry."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import func, select

from subgraphs.common.database import Database
from subgraphs.common.service_client import ServiceClient
from subgraphs.control_plane import models
from subgraphs.control_plane.orders import OrderProcessor
from subgraphs.control_plane.saleor_orders import SaleorOrders
from tests.conftest import SALEOR_APP_TOKEN, SERVICE_TOKEN, GraphQLPost, Stack
from tests.fakes.saleor.app import FakeSaleor
from tests.fakes.saleor.data import Order, Product, User
from tests.subgraphs.control_plane.conftest import CP, create_offering
from tests.support.users import TestUser

PROCESS = """mutation($id: ID!) { saleorOrderProcess(orderId: $id) {
  orderId alreadyProcessed creditsGranted
  instances { id name status organization { id } offering { id } plan { id } order { id } }
  errors { field code message } } }"""
WALLET = """query($org: ID!) { wallet(organizationId: $org) {
  balance entries(first: 100) { edges { node { kind amount reference } } } } }"""
SIGN_IN = """mutation($e: String!, $p: String!) { tokenCreate(email: $e, password: $p) {
  token errors { code } } }"""
ORGANIZATIONS = "{ organizations { id name members { role user { id email } } } }"
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


@pytest.fixture
def saleor(stack: Stack) -> FakeSaleor:
    return FakeSaleor.of(stack.saleor_app, stack.saleor_url)


@pytest.fixture
async def catalog(cp: CP, staff: TestUser, saleor: FakeSaleor) -> Catalog:
    """A Saleor product whose first variant sells a plan and second a credit pack."""
    product = saleor.data.add_product(
        "Order Agent", [("Basic", 9.0), ("250 credits", 5.0), ("Sticker", 1.0)]
    )
    offering = await create_offering(
        cp,
        staff,
        productId=product.id,
        plans=[
            {
                "code": "basic",
                "name": "Basic",
                "includedCredits": PLAN_CREDITS,
                "variantId": product.variants[0].id,
            }
        ],
    )
    pack = await cp(
        """mutation($i: CreditPackSetInput!) { creditPackSet(input: $i) { errors { code } } }""",
        {"i": {"variantId": product.variants[1].id, "credits": PACK_CREDITS}},
        token=staff.token,
    )
    assert pack["data"]["creditPackSet"]["errors"] == []
    return Catalog(product, offering)


@pytest.fixture
def shop(saleor: FakeSaleor, gql: GraphQLPost, stack: Stack) -> Shop:
    return Shop(saleor, gql, stack)


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

    async def applied(self, order: Order) -> tuple[int, int]:
        """(instances, order_applications rows) control-plane holds for the order."""
        async with self.stack.control_plane_db.session() as session:
            instances = await session.scalar(
                select(func.count()).where(models.Instance.order_id == order.id)
            )
            applications = await session.scalar(
                select(func.count()).where(models.OrderApplication.order_id == order.id)
            )
        return int(instances or 0), int(applications or 0)


def ids(instances: Sequence[dict[str, Any]]) -> list[str]:
    return sorted(i["id"] for i in instances)


# ---------------------------------------------------------------------------- applying


async def test_plan_units_become_instances_and_credits_packs_credits(
    shop: Shop, catalog: Catalog, staff: TestUser
) -> None:
    buyer, other = await shop.shopper(), await shop.shopper()
    await shop.organization(buyer, "Buyer's first")
    org = await shop.organization(buyer, "Buyer's team")
    order = shop.saleor.data.add_order(
        buyer.user,
        lines=[(catalog.plan_variant, 2), (catalog.pack_variant, 3), (catalog.plain_variant, 4)],
        metadata={"cmp.organization": org},
    )

    payload = await shop.process(order.id, service=True)

    assert payload["errors"] == [] and payload["alreadyProcessed"] is False
    assert payload["orderId"] == order.id
    assert payload["creditsGranted"] == 2 * PLAN_CREDITS + 3 * PACK_CREDITS
    plan = catalog.offering["plans"][0]["id"]
    assert [{k: v for k, v in i.items() if k != "id"} for i in payload["instances"]] == [
        {
            "name": catalog.offering["name"],
            "status": "ACTIVE",
            "organization": {"id": org},
            "offering": {"id": catalog.offering["id"]},
            "plan": {"id": plan},
            "order": {"id": order.id},
        }
    ] * 2
    assert await shop.wallet(org, buyer) == (
        2 * PLAN_CREDITS + 3 * PACK_CREDITS,
        [
            ("CREDIT_PURCHASE", 3 * PACK_CREDITS, order.id),
            ("PLAN_GRANT", 2 * PLAN_CREDITS, order.id),
        ],
    )
    assert await shop.order_entity(order, buyer) == (
        ids(payload["instances"]),
        payload["creditsGranted"],
    )
    assert await shop.order_entity(order, other) == ([], 0)  # another tenant sees nothing

    # A staff member replays it (a Saleor staff token works as well as ours): nothing new.
    saleor_staff = await shop.shopper(staff=True)
    for token in (staff.token, saleor_staff.token):
        again = await shop.process(order.id, token=token)
        assert again["errors"] == [] and again["alreadyProcessed"] is True
        assert ids(again["instances"]) == ids(payload["instances"])
        assert again["creditsGranted"] == payload["creditsGranted"]
    assert (await shop.wallet(org, buyer))[0] == 2 * PLAN_CREDITS + 3 * PACK_CREDITS
    assert await shop.applied(order) == (2, 1)


async def test_the_organization_the_order_is_for(shop: Shop, catalog: Catalog) -> None:
    buyer, stranger = await shop.shopper(), await shop.shopper()
    first = await shop.organization(buyer, "First")
    second = await shop.organization(buyer, "Second")
    strangers = await shop.organization(stranger, "Not the buyer's")

    async def organization_of(order: Order) -> str:
        payload = await shop.process(order.id, service=True)
        assert payload["errors"] == [], payload
        [instance] = payload["instances"]
        org: str = instance["organization"]["id"]
        return org

    def order(**metadata: str) -> Order:
        return shop.saleor.data.add_order(buyer.user, [(catalog.plan_variant, 1)], metadata)

    assert await organization_of(order(**{"cmp.organization": second})) == second
    assert await organization_of(order()) == first
    # Metadata naming an organization the buyer is not in (or none at all) is not followed.
    assert await organization_of(order(**{"cmp.organization": strangers})) == first
    assert await organization_of(order(**{"cmp.organization": "not-an-id"})) == first
    assert await shop.wallet(strangers, stranger) == (0, [])

    # A guest checkout is matched to members by its email, and held to the same rule.
    def guest(email: str, **metadata: str) -> Order:
        return shop.saleor.data.add_order(
            None, [(catalog.plan_variant, 1)], metadata, user_email=email
        )

    assert await organization_of(guest(buyer.user.email, **{"cmp.organization": second})) == second
    assert await organization_of(guest(buyer.user.email.upper())) == first
    assert (
        await organization_of(guest(buyer.user.email, **{"cmp.organization": strangers})) == first
    )
    unknown_guest = guest("walk-in@example.com", **{"cmp.organization": strangers})
    refused = await shop.process(unknown_guest.id, service=True)
    assert [(e["code"], e["field"]) for e in refused["errors"]] == [("INVALID", "orderId")]
    assert await shop.applied(unknown_guest) == (0, 0)
    assert await shop.wallet(strangers, stranger) == (0, [])

    # A buyer without an organization gets one, and owns it.
    newcomer = await shop.shopper()
    assert await shop.organizations(newcomer) == []
    pack_order = shop.saleor.data.add_order(newcomer.user, [(catalog.pack_variant, 2)])
    payload = await shop.process(pack_order.id, service=True)
    assert payload["errors"] == [] and payload["instances"] == []
    assert payload["creditsGranted"] == 2 * PACK_CREDITS
    [created] = await shop.organizations(newcomer)
    assert created["members"] == [
        {"role": "OWNER", "user": {"id": newcomer.user.id, "email": newcomer.user.email}}
    ]
    assert await shop.wallet(created["id"], newcomer) == (
        2 * PACK_CREDITS,
        [("CREDIT_PURCHASE", 2 * PACK_CREDITS, pack_order.id)],
    )


async def test_replays_apply_an_order_once(shop: Shop, catalog: Catalog) -> None:
    """A buyer with no organization yet: even the organization is created once."""
    buyer = await shop.shopper()
    order = shop.saleor.data.add_order(
        buyer.user, [(catalog.plan_variant, 2), (catalog.pack_variant, 1)]
    )

    concurrent = await asyncio.gather(*(shop.process(order.id, service=True) for _ in range(50)))
    sequential = [await shop.process(order.id, service=True) for _ in range(50)]

    assert [p["errors"] for p in concurrent + sequential] == [[]] * 100
    assert sorted(p["alreadyProcessed"] for p in concurrent) == [False] + [True] * 49
    assert all(p["alreadyProcessed"] for p in sequential)
    first = next(p for p in concurrent if not p["alreadyProcessed"])
    assert len(first["instances"]) == 2
    assert {tuple(ids(p["instances"])) for p in concurrent + sequential} == {
        tuple(ids(first["instances"]))
    }
    assert {p["creditsGranted"] for p in concurrent + sequential} == {
        2 * PLAN_CREDITS + PACK_CREDITS
    }
    [org] = await shop.organizations(buyer)
    assert await shop.wallet(org["id"], buyer) == (
        2 * PLAN_CREDITS + PACK_CREDITS,
        [("CREDIT_PURCHASE", PACK_CREDITS, order.id), ("PLAN_GRANT", 2 * PLAN_CREDITS, order.id)],
    )
    assert await shop.applied(order) == (2, 1)


async def test_deliveries_racing_in_several_processes_apply_once(
    shop: Shop, catalog: Catalog, database_url: str
) -> None:
    """Five control-plane processes (own pools, own locks) get the same order ten times each
    at once: the database settles it."""
    buyer = await shop.shopper()
    await shop.organization(buyer, "Racing")
    order = shop.saleor.data.add_order(
        buyer.user, [(catalog.plan_variant, 3), (catalog.pack_variant, 2)]
    )
    dbs = [Database(database_url, pool_size=2) for _ in range(5)]
    billing = ServiceClient.internal("billing", shop.stack.billing_url, SERVICE_TOKEN)
    saleor = ServiceClient(
        "Saleor", shop.stack.saleor_url, {"Authorization": f"Bearer {SALEOR_APP_TOKEN}"}
    )
    await billing.connect()
    await saleor.connect()
    try:
        processors = [OrderProcessor(db, SaleorOrders(saleor), billing, 100) for db in dbs]
        outcomes = await asyncio.gather(
            *(p.process(order.id) for p in processors for _ in range(10))
        )
    finally:
        await billing.aclose()
        await saleor.aclose()
        for db in dbs:
            await db.dispose()
    assert sorted(o.already_processed for o in outcomes) == [False] + [True] * 49
    assert {tuple(sorted(str(i.id) for i in o.instances)) for o in outcomes} == {
        tuple(sorted(str(i.id) for i in outcomes[0].instances))
    }
    assert len(outcomes[0].instances) == 3
    assert {o.credits_granted for o in outcomes} == {3 * PLAN_CREDITS + 2 * PACK_CREDITS}
    assert await shop.applied(order) == (3, 1)
    [org] = await shop.organizations(buyer)
    assert await shop.wallet(org["id"], buyer) == (
        3 * PLAN_CREDITS + 2 * PACK_CREDITS,
        [
            ("CREDIT_PURCHASE", 2 * PACK_CREDITS, order.id),
            ("PLAN_GRANT", 3 * PLAN_CREDITS, order.id),
        ],
    )
    assert all(p._locks == {} for p in processors)  # no lock left behind per order


async def test_a_burst_of_different_orders_does_not_exhaust_control_plane(
    shop: Shop, catalog: Catalog
) -> None:
    """More orders at once than control-plane has database connections, while billing asks
    control-plane back for each grant: every one is applied."""
    buyer = await shop.shopper()
    org = await shop.organization(buyer, "Busy")
    orders = [
        shop.saleor.data.add_order(buyer.user, [(catalog.pack_variant, 1)]) for _ in range(40)
    ]
    payloads = await asyncio.gather(*(shop.process(o.id, service=True) for o in orders))
    assert [(p["errors"], p["alreadyProcessed"]) for p in payloads] == [([], False)] * 40
    balance, entries = await shop.wallet(org, buyer)
    assert balance == 40 * PACK_CREDITS
    assert sorted(reference for _, _, reference in entries) == sorted(o.id for o in orders)


# ---------------------------------------------------------------------------- refusals


async def test_refusals_change_nothing(shop: Shop, catalog: Catalog, alice: TestUser) -> None:
    buyer = await shop.shopper()  # no organization: a processed order would create one
    lines = [(catalog.plan_variant, 1), (catalog.pack_variant, 1)]
    unpaid = shop.saleor.data.add_order(buyer.user, lines, paid=False)
    paid = shop.saleor.data.add_order(buyer.user, lines)
    gone = shop.saleor.data.add_order(buyer.user, lines)
    shop.saleor.data.orders.remove(gone)  # a well-formed id Saleor does not know
    forged = buyer.token[:-4] + ("AAAA" if not buyer.token.endswith("AAAA") else "BBBB")

    cases: list[tuple[Order, dict[str, Any], str, str | None]] = [
        (unpaid, {"service": True}, "CONFLICT", "orderId"),
        (gone, {"service": True}, "NOT_FOUND", "orderId"),
        (paid, {"token": buyer.token}, "FORBIDDEN", None),  # a shopper, not staff
        (paid, {"token": alice.token}, "FORBIDDEN", None),
        (paid, {}, "UNAUTHENTICATED", None),
        (paid, {"token": forged}, "UNAUTHENTICATED", None),
    ]
    for order, auth, code, field in cases:
        payload = await shop.process(order.id, **auth)
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [(code, field)], (code, auth)
        assert payload["alreadyProcessed"] is False
        assert payload["instances"] == [] and payload["creditsGranted"] == 0
        assert await shop.applied(order) == (0, 0)
    assert await shop.organizations(buyer) == []

    # Saleor refusing our app token is an outage, not an unknown order: UNAVAILABLE, retried.
    known = set(shop.saleor.app_tokens)
    shop.saleor.app_tokens.clear()
    try:
        payload = await shop.process(paid.id, service=True)
    finally:
        shop.saleor.app_tokens.update(known)
    assert [e["code"] for e in payload["errors"]] == ["UNAVAILABLE"]
    assert await shop.applied(paid) == (0, 0)
    assert await shop.organizations(buyer) == []

    # Once Saleor says it is paid, the same order goes through.
    unpaid.is_paid = True
    payload = await shop.process(unpaid.id, service=True)
    assert payload["errors"] == [] and payload["alreadyProcessed"] is False
    assert payload["creditsGranted"] == PLAN_CREDITS + PACK_CREDITS
    assert await shop.applied(unpaid) == (1, 1)
