"""Money under concurrency, over HTTP: reservations never overdraw, replays apply once."""

from __future__ import annotations

import asyncio
from collections import Counter

from tests.subgraphs.billing.conftest import Billing, key


async def test_two_hundred_concurrent_reservations_never_overdraw(burst_billing: Billing) -> None:
    billing = burst_billing
    org = await billing.funded(billing.user(), 500)
    amount = 7  # 500 // 7 = 71 affordable

    results = await asyncio.gather(*(billing.reserve(org, amount) for _ in range(200)))

    outcomes = Counter("ok" if not r["errors"] else r["errors"][0]["code"] for r in results)
    assert outcomes == {"ok": 71, "INSUFFICIENT_CREDITS": 129}
    assert all(r["wallet"]["available"] >= 0 for r in results if r["wallet"])
    assert len({r["reservation"]["id"] for r in results if r["reservation"]}) == 71
    state = await billing.assert_consistent(org)
    assert (state.balance, state.reserved) == (500, 71 * 7)
    assert len(state.reservations) == 71

    # Settle them all at once, half captured and half released, each twice.
    keys = [r["reservation"]["key"] for r in results if r["reservation"]]
    captured, released = keys[::2], keys[1::2]
    settled = await asyncio.gather(
        *(billing.capture(k) for k in captured * 2),
        *(billing.release(k) for k in released * 2),
    )
    assert all(s["errors"] == [] for s in settled)
    assert sum(not s["alreadyApplied"] for s in settled) == len(keys)
    state = await billing.assert_consistent(org)
    assert (state.balance, state.reserved) == (500 - 7 * len(captured), 0)
    assert Counter(e["kind"] for e in state.entries) == {
        "CREDIT_PURCHASE": 1,
        "RUN_CHARGE": len(captured),
    }


async def test_fifty_concurrent_replays_of_one_grant_apply_once(burst_billing: Billing) -> None:
    billing = burst_billing
    org = await billing.organization(billing.user())
    the_key = key()

    results = await asyncio.gather(
        *(billing.grant(org, 250, "PLAN_GRANT", "Order:x", the_key) for _ in range(50))
    )

    assert all(r["errors"] == [] for r in results), [r["errors"] for r in results]
    assert len({r["entry"]["id"] for r in results}) == 1
    assert sum(not r["alreadyApplied"] for r in results) == 1
    state = await billing.assert_consistent(org)
    assert state.balance == 250
    assert len(state.entries) == 1


async def test_one_key_raced_for_different_wallets_applies_once(burst_billing: Billing) -> None:
    billing = burst_billing
    orgs = [await billing.organization(billing.user()) for _ in range(5)]
    the_key = key()

    results = await asyncio.gather(
        *(billing.grant(org, 10, idempotency_key=the_key) for org in orgs for _ in range(4))
    )

    winners = [r for r in results if not r["errors"]]
    assert {r["wallet"]["id"] for r in winners}
    assert len({r["entry"]["id"] for r in winners}) == 1
    assert {e["code"] for r in results for e in r["errors"]} <= {"CONFLICT"}
    states = [await billing.assert_consistent(org) for org in orgs]
    assert sorted(s.balance for s in states) == [0, 0, 0, 0, 10]


async def test_concurrent_reservations_of_one_key_hold_once(burst_billing: Billing) -> None:
    billing = burst_billing
    org = await billing.funded(billing.user(), 100)
    the_key = key()

    results = await asyncio.gather(*(billing.reserve(org, 40, the_key) for _ in range(30)))

    assert all(r["errors"] == [] for r in results)
    assert len({r["reservation"]["id"] for r in results}) == 1
    state = await billing.assert_consistent(org)
    assert state.reserved == 40
