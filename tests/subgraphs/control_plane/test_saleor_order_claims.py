"""Guest orders (no Saleor account on the order) against the Saleor fake over real HTTP: the
webhook's saleorOrderProcess provisions nothing and records the order AWAITING_CLAIM; only
saleorOrderClaim by a signed-in user whose token's email is the order's, for an organization
they are an ACTIVE OWNER or ADMIN of, applies it — once, whatever races it."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from subgraphs.common.errors import CmpFailure
from subgraphs.control_plane.orders import OrderOutcome
from tests.fakes.saleor.data import Order
from tests.subgraphs.control_plane.shop import (
    PACK_CREDITS,
    PLAN_CREDITS,
    Catalog,
    Shop,
    Shopper,
    ids,
    processes,
)
from tests.support.users import TestUser


def guest_order(shop: Shop, catalog: Catalog, email: str, **metadata: str) -> Order:
    return shop.saleor.data.add_order(
        None,
        [(catalog.plan_variant, 2), (catalog.pack_variant, 1)],
        metadata,
        user_email=email,
    )


def codes(payload: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(e["code"], e["field"]) for e in payload["errors"]]


def nothing_applied(payload: dict[str, Any]) -> bool:
    return (
        payload["alreadyProcessed"] is False
        and payload["instances"] == []
        and payload["creditsGranted"] == 0
    )


CREDITS = 2 * PLAN_CREDITS + PACK_CREDITS


async def test_a_guest_order_waits_and_refused_claims_change_nothing(
    shop: Shop, catalog: Catalog, staff: TestUser
) -> None:
    claimant, stranger = await shop.shopper(), await shop.shopper()
    own = await shop.organization(claimant, "Claimant's")
    strangers = await shop.organization(stranger, "Stranger's")
    club = await shop.organization(stranger, "Club")  # the claimant is a MEMBER there
    trap = await shop.organization(stranger, "Trap")  # the claimant is only invited there
    await shop.invite(stranger, club, claimant, "MEMBER")
    await shop.invite(stranger, trap, claimant, "OWNER", accept=False)
    order = guest_order(
        shop, catalog, claimant.user.email.upper(), **{"cmp.organization": strangers}
    )

    # The webhook (and every replay of it): nothing provisioned, the order waits.
    for _ in range(3):
        payload = await shop.process(order.id, service=True)
        assert codes(payload) == [("CONFLICT", "orderId")]
        assert "saleorOrderClaim" in payload["errors"][0]["message"]
        assert nothing_applied(payload)
    assert await shop.applied(order) == (0, "AWAITING_CLAIM")

    staff_org = await shop.gql(
        shop.stack.control_plane_url,
        'mutation { organizationCreate(input: {name: "Staff\'s"}) { organization { id } } }',
        token=staff.token,
    )
    staffs = staff_org["data"]["organizationCreate"]["organization"]["id"]
    unpaid = guest_order(shop, catalog, claimant.user.email)
    unpaid.is_paid = False
    accounts_order = shop.saleor.data.add_order(claimant.user, [(catalog.plan_variant, 1)])
    forged = claimant.token[:-4] + ("AAAA" if not claimant.token.endswith("AAAA") else "BBBB")
    unknown = "T3JkZXI6MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAw"
    cases: list[tuple[str, str, dict[str, Any], list[tuple[str, str | None]]]] = [
        # Somebody else's email: the order is not theirs to claim, whatever they manage.
        (order.id, strangers, {"token": stranger.token}, [("NOT_FOUND", "orderId")]),
        (order.id, staffs, {"token": staff.token}, [("NOT_FOUND", "orderId")]),
        # The right email, an organization the claimant may not charge.
        (order.id, club, {"token": claimant.token}, [("FORBIDDEN", "organizationId")]),
        (order.id, trap, {"token": claimant.token}, [("NOT_FOUND", "organizationId")]),
        (order.id, strangers, {"token": claimant.token}, [("NOT_FOUND", "organizationId")]),
        (order.id, "nope", {"token": claimant.token}, [("INVALID", "organizationId")]),
        # Not signed in, a forged token, the service credential (no user, no email).
        (order.id, own, {}, [("UNAUTHENTICATED", None)]),
        (order.id, own, {"token": forged}, [("UNAUTHENTICATED", None)]),
        (order.id, own, {"service": True}, [("FORBIDDEN", None)]),
        # Orders that are not paid guest orders of the claimant's.
        (unknown, own, {"token": claimant.token}, [("NOT_FOUND", "orderId")]),
        (unpaid.id, own, {"token": claimant.token}, [("CONFLICT", "orderId")]),
        (accounts_order.id, own, {"token": claimant.token}, [("CONFLICT", "orderId")]),
        (accounts_order.id, strangers, {"token": stranger.token}, [("NOT_FOUND", "orderId")]),
    ]
    for order_id, org, auth, expected in cases:
        payload = await shop.claim(order_id, org, **auth)
        assert codes(payload) == expected, (order_id, org, auth)
        assert nothing_applied(payload)
    assert await shop.applied(order) == (0, "AWAITING_CLAIM")
    assert await shop.applied(unpaid) == (0, None)
    assert await shop.applied(accounts_order) == (0, None)
    for org, who in ((own, claimant), (strangers, stranger), (club, stranger), (trap, stranger)):
        assert await shop.wallet(org, who) == (0, [])

    # The owner of the email claims it for their own organization: applied, once.
    claimed = await shop.claim(order.id, own, token=claimant.token)
    assert claimed["errors"] == [] and claimed["alreadyProcessed"] is False
    assert claimed["creditsGranted"] == CREDITS
    assert {i["organization"]["id"] for i in claimed["instances"]} == {own}
    assert len(claimed["instances"]) == 2
    again = await shop.claim(order.id, own, token=claimant.token)
    assert again["errors"] == [] and again["alreadyProcessed"] is True
    assert ids(again["instances"]) == ids(claimed["instances"])
    elsewhere = await shop.claim(order.id, club, token=claimant.token)
    assert codes(elsewhere) == [("FORBIDDEN", "organizationId")]
    replayed = await shop.process(order.id, service=True)
    assert replayed["errors"] == [] and replayed["alreadyProcessed"] is True
    assert ids(replayed["instances"]) == ids(claimed["instances"])
    assert await shop.applied(order) == (2, "APPLIED")
    assert await shop.wallet(own, claimant) == (
        CREDITS,
        [("CREDIT_PURCHASE", PACK_CREDITS, order.id), ("PLAN_GRANT", 2 * PLAN_CREDITS, order.id)],
    )
    assert await shop.wallet(strangers, stranger) == (0, [])
    assert await shop.order_entity(order, claimant) == (ids(claimed["instances"]), CREDITS)
    assert await shop.order_entity(order, stranger) == ([], 0)


async def test_an_admin_claims_and_a_second_organization_is_refused(
    shop: Shop, catalog: Catalog
) -> None:
    owner, claimant = await shop.shopper(), await shop.shopper()
    team = await shop.organization(owner, "Team")
    await shop.invite(owner, team, claimant, "ADMIN")
    own = await shop.organization(claimant, "Own")
    order = guest_order(shop, catalog, claimant.user.email)
    claimed = await shop.claim(order.id, team, token=claimant.token)
    assert claimed["errors"] == [] and claimed["creditsGranted"] == CREDITS
    refused = await shop.claim(order.id, own, token=claimant.token)
    assert codes(refused) == [("CONFLICT", "orderId")] and nothing_applied(refused)
    assert await shop.wallet(own, claimant) == (0, [])
    assert (await shop.wallet(team, owner))[0] == CREDITS


async def test_concurrent_claims_and_webhook_replays_apply_once(
    shop: Shop, catalog: Catalog
) -> None:
    """Claims for two organizations the claimant owns, and webhook deliveries, all at once."""
    claimant = await shop.shopper()
    first = await shop.organization(claimant, "First")
    second = await shop.organization(claimant, "Second")
    order = guest_order(shop, catalog, claimant.user.email)

    calls = [shop.claim(order.id, org, token=claimant.token) for org in (first, second) * 10]
    calls += [shop.process(order.id, service=True) for _ in range(10)]
    payloads = await asyncio.gather(*calls)

    applied = [p for p in payloads if p["errors"] == [] and not p["alreadyProcessed"]]
    assert len(applied) == 1
    [winner] = {i["organization"]["id"] for i in applied[0]["instances"]}
    loser = second if winner == first else first
    for payload in payloads:
        if payload["errors"]:
            # A claim for the other organization, or a delivery before any claim decided.
            assert codes(payload) == [("CONFLICT", "orderId")] and nothing_applied(payload)
        else:
            assert ids(payload["instances"]) == ids(applied[0]["instances"])
            assert payload["creditsGranted"] == CREDITS
    assert await shop.applied(order) == (2, "APPLIED")
    assert await shop.wallet(winner, claimant) == (
        CREDITS,
        [("CREDIT_PURCHASE", PACK_CREDITS, order.id), ("PLAN_GRANT", 2 * PLAN_CREDITS, order.id)],
    )
    assert await shop.wallet(loser, claimant) == (0, [])


async def test_claims_racing_in_several_processes_apply_once(
    shop: Shop, catalog: Catalog, database_url: str
) -> None:
    """Five control-plane processes (own pools, own in-process locks) claim the same guest
    order for two organizations ten times each at once: the database settles it."""
    claimant: Shopper = await shop.shopper()
    orgs = [await shop.organization(claimant, name) for name in ("A", "B")]
    order = guest_order(shop, catalog, claimant.user.email)
    async with processes(shop.stack, database_url, 5) as processors:
        results = await asyncio.gather(
            *(
                p.claim(order.id, uuid.UUID(orgs[n % 2]), claimant.user.email)
                for p in processors
                for n in range(10)
            ),
            return_exceptions=True,
        )
    outcomes = [r for r in results if isinstance(r, OrderOutcome)]
    refusals = [r for r in results if not isinstance(r, OrderOutcome)]
    assert all(isinstance(r, CmpFailure) and r.code.value == "CONFLICT" for r in refusals)
    assert sorted(o.already_processed for o in outcomes) == [False] + [True] * (len(outcomes) - 1)
    assert len({o.organization_id for o in outcomes}) == 1
    winner = str(outcomes[0].organization_id)
    assert len(outcomes) == 25 and len(refusals) == 25  # every claim for the winner succeeds
    assert await shop.applied(order) == (2, "APPLIED")
    assert (await shop.wallet(winner, claimant))[0] == CREDITS
    [loser] = [org for org in orgs if org != winner]
    assert await shop.wallet(loser, claimant) == (0, [])
