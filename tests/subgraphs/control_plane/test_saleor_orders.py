"""saleorOrderProcess over HTTP against the Saleor fake: control-plane reads the order from
Saleor with its app token and applies it once — instances for plan variants, credits for plan
grants and credit packs (checked in billing's wallet and ledger), the organization from the
order's metadata only where the buyer is an ACTIVE OWNER or ADMIN, else the oldest one the
buyer owns or a new one — and refuses without changing anything. Guest orders wait for
saleorOrderClaim (test_saleor_order_claims.py).

Buyers are Saleor users of the fake signed in with its `tokenCreate`, so the Saleor `User` id
on the order is the one their tokens carry."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.fakes.saleor.data import Order
from tests.subgraphs.control_plane.shop import (
    PACK_CREDITS,
    PLAN_CREDITS,
    Catalog,
    Shop,
    ids,
    processes,
)
from tests.support.users import TestUser

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
    assert await shop.applied(order) == (2, "APPLIED")


async def test_the_organization_the_order_is_for(shop: Shop, catalog: Catalog) -> None:
    buyer, stranger = await shop.shopper(), await shop.shopper()
    first = await shop.organization(buyer, "First")
    second = await shop.organization(buyer, "Second")
    strangers = await shop.organization(stranger, "Not the buyer's")
    team = await shop.organization(stranger, "Team")  # the buyer is an ADMIN there
    club = await shop.organization(stranger, "Club")  # the buyer is a MEMBER there
    await shop.invite(stranger, team, buyer, "ADMIN")
    await shop.invite(stranger, club, buyer, "MEMBER")

    async def organization_of(order: Order) -> str:
        payload = await shop.process(order.id, service=True)
        assert payload["errors"] == [], payload
        [instance] = payload["instances"]
        org: str = instance["organization"]["id"]
        return org

    def order(**metadata: str) -> Order:
        return shop.saleor.data.add_order(buyer.user, [(catalog.plan_variant, 1)], metadata)

    assert await organization_of(order(**{"cmp.organization": second})) == second
    assert await organization_of(order(**{"cmp.organization": team})) == team  # an ADMIN's
    # Otherwise the oldest organization the buyer owns: never one merely named, or joined.
    assert await organization_of(order()) == first
    assert await organization_of(order(**{"cmp.organization": strangers})) == first
    assert await organization_of(order(**{"cmp.organization": club})) == first
    assert await organization_of(order(**{"cmp.organization": "not-an-id"})) == first
    for org in (strangers, club):
        assert await shop.wallet(org, stranger) == (0, [])

    # A buyer who owns nothing gets an organization of their own, even if they ADMIN another.
    admin_only = await shop.shopper()
    await shop.invite(stranger, team, admin_only, "ADMIN")
    teams_wallet = await shop.wallet(team, stranger)
    assert teams_wallet[0] == PLAN_CREDITS  # the buyer's order above, and only that
    pack_order = shop.saleor.data.add_order(admin_only.user, [(catalog.pack_variant, 2)])
    payload = await shop.process(pack_order.id, service=True)
    assert payload["errors"] == [] and payload["instances"] == []
    assert payload["creditsGranted"] == 2 * PACK_CREDITS
    created = [o for o in await shop.organizations(admin_only) if o["id"] != team]
    assert [o["members"] for o in created] == [
        [{"role": "OWNER", "status": "ACTIVE", "user": {"id": admin_only.user.id}}]
    ]
    assert await shop.wallet(created[0]["id"], admin_only) == (
        2 * PACK_CREDITS,
        [("CREDIT_PURCHASE", 2 * PACK_CREDITS, pack_order.id)],
    )
    # ... and the next order of theirs goes there too: one organization, not one per order.
    again = shop.saleor.data.add_order(admin_only.user, [(catalog.plan_variant, 1)])
    assert await organization_of(again) == created[0]["id"]
    assert await shop.wallet(team, stranger) == teams_wallet


async def test_an_invitation_never_routes_an_order(shop: Shop, catalog: Catalog) -> None:
    """An attacker invites the buyer (as OWNER, even) and has the storefront put the
    attacker's organization in the order's metadata: the purchase stays the buyer's."""
    attacker = await shop.shopper()
    trap = await shop.organization(attacker, "Trap")
    victim, newcomer = await shop.shopper(), await shop.shopper()
    victims_own = await shop.organization(victim, "Victim's own")
    for user in (victim, newcomer):
        await shop.invite(attacker, trap, user, "OWNER", accept=False)

    hinted = {"cmp.organization": trap}
    lines = [(catalog.plan_variant, 1), (catalog.pack_variant, 1)]
    to_victim = shop.saleor.data.add_order(victim.user, lines, hinted)
    to_newcomer = shop.saleor.data.add_order(newcomer.user, lines, hinted)
    landed = []
    for order in (to_victim, to_newcomer):
        payload = await shop.process(order.id, service=True)
        assert payload["errors"] == [], payload
        landed.append(payload["instances"][0]["organization"]["id"])
    [newcomers_own] = [o["id"] for o in await shop.organizations(newcomer)]
    assert landed == [victims_own, newcomers_own]
    assert trap not in landed
    assert await shop.wallet(trap, attacker) == (0, [])
    assert await shop.order_entity(to_victim, attacker) == ([], 0)
    body = await shop.gql(
        shop.stack.control_plane_url,
        "query($id: ID!) { organization(id: $id) { instances { totalCount } } }",
        {"id": trap},
        token=attacker.token,
    )
    assert body["data"]["organization"]["instances"]["totalCount"] == 0


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
    assert await shop.applied(order) == (2, "APPLIED")


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
    async with processes(shop.stack, database_url, 5) as processors:
        outcomes = await asyncio.gather(
            *(p.process(order.id) for p in processors for _ in range(10))
        )
    assert sorted(o.already_processed for o in outcomes) == [False] + [True] * 49
    assert {tuple(sorted(str(i.id) for i in o.instances)) for o in outcomes} == {
        tuple(sorted(str(i.id) for i in outcomes[0].instances))
    }
    assert len(outcomes[0].instances) == 3
    assert {o.credits_granted for o in outcomes} == {3 * PLAN_CREDITS + 2 * PACK_CREDITS}
    assert await shop.applied(order) == (3, "APPLIED")
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
        assert await shop.applied(order) == (0, None)
    assert await shop.organizations(buyer) == []

    # Saleor refusing our app token is an outage, not an unknown order: UNAVAILABLE, retried.
    known = set(shop.saleor.app_tokens)
    shop.saleor.app_tokens.clear()
    try:
        payload = await shop.process(paid.id, service=True)
    finally:
        shop.saleor.app_tokens.update(known)
    assert [e["code"] for e in payload["errors"]] == ["UNAVAILABLE"]
    assert await shop.applied(paid) == (0, None)
    assert await shop.organizations(buyer) == []

    # Once Saleor says it is paid, the same order goes through.
    unpaid.is_paid = True
    payload = await shop.process(unpaid.id, service=True)
    assert payload["errors"] == [] and payload["alreadyProcessed"] is False
    assert payload["creditsGranted"] == PLAN_CREDITS + PACK_CREDITS
    assert await shop.applied(unpaid) == (1, "APPLIED")
