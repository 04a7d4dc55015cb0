"""The service-only mutations: walletGrant, walletReserve, walletCapture, walletRelease."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from kernel.auth.authenticate import SERVICE_TOKEN_HEADER
from tests.subgraphs.billing.conftest import Billing, key

MAX_INT = 2**31 - 1


def codes(payload: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(e["code"], e["field"]) for e in payload["errors"]]


async def test_grant_adds_credits_once_per_key(billing: Billing) -> None:
    org = await billing.organization(billing.user())
    the_key = key()

    first = await billing.grant(org, 300, "PLAN_GRANT", "Order:1", the_key)
    again = await billing.grant(org, 300, "PLAN_GRANT", "Order:1", the_key)

    assert first["errors"] == []
    assert first["alreadyApplied"] is False
    assert first["entry"]["kind"] == "PLAN_GRANT"
    assert (first["entry"]["amount"], first["entry"]["balanceAfter"]) == (300, 300)
    assert again["errors"] == []
    assert again["alreadyApplied"] is True
    assert again["entry"] == first["entry"]
    state = await billing.assert_consistent(org)
    assert state.balance == 300
    assert len(state.entries) == 1
    for kind in ("CREDIT_PURCHASE", "REFUND"):
        assert (await billing.grant(org, 1, kind))["entry"]["kind"] == kind


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"amount": 0}, [("INVALID", "amount")]),
        ({"amount": -5}, [("INVALID", "amount")]),
        ({"kind": "RUN_CHARGE"}, [("INVALID", "kind")]),
        ({"kind": "ADJUSTMENT"}, [("INVALID", "kind")]),
        ({"idempotency_key": " "}, [("INVALID", "idempotencyKey")]),
        ({"idempotency_key": "k" * 201}, [("INVALID", "idempotencyKey")]),
        ({"idempotency_key": "capture:x"}, [("INVALID", "idempotencyKey")]),
        ({"reference": "r" * 201}, [("INVALID", "reference")]),
        ({"organization_id": "bad"}, [("INVALID", "organizationId")]),
        ({"organization_id": "unknown"}, [("NOT_FOUND", "organizationId")]),
    ],
)
async def test_grant_bad_input_changes_nothing(
    billing: Billing, changes: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    org = await billing.funded(billing.user(), 10)
    before = await billing.state(org)
    args: dict[str, Any] = {"organization_id": org, "amount": 5, "kind": "CREDIT_PURCHASE"}
    args.update(changes)
    if args["organization_id"] == "unknown":
        args["organization_id"] = str(uuid.uuid4())

    payload = await billing.grant(**args)

    assert codes(payload) == expected
    assert payload["wallet"] is None
    assert payload["entry"] is None
    assert await billing.state(org) == before


async def test_grant_key_with_other_parameters_is_a_conflict(billing: Billing) -> None:
    org = await billing.organization(billing.user())
    other = await billing.organization(billing.user())
    the_key = key()
    assert (await billing.grant(org, 10, "PLAN_GRANT", "Order:9", the_key))["errors"] == []
    before = await billing.state(org)

    variations: list[tuple[str, int, str, str | None]] = [
        (org, 11, "PLAN_GRANT", "Order:9"),
        (org, 10, "CREDIT_PURCHASE", "Order:9"),
        (org, 10, "PLAN_GRANT", "Order:8"),
        (org, 10, "PLAN_GRANT", None),
        (other, 10, "PLAN_GRANT", "Order:9"),
    ]
    for organization_id, amount, kind, reference in variations:
        payload = await billing.grant(organization_id, amount, kind, reference, the_key)
        assert codes(payload) == [("CONFLICT", "idempotencyKey")]
    assert await billing.state(org) == before
    assert (await billing.state(other)).entries == []


async def test_balance_cannot_exceed_a_graphql_int(billing: Billing) -> None:
    org = await billing.funded(billing.user(), MAX_INT)
    payload = await billing.grant(org, 1)
    assert codes(payload) == [("INVALID", "amount")]
    assert (await billing.assert_consistent(org)).balance == MAX_INT


@pytest.mark.parametrize(
    "who",
    ["owner", "staff", "anonymous", "wrong service token"],
)
async def test_service_mutations_refuse_everyone_else(billing: Billing, who: str) -> None:
    owner = billing.user()
    org = await billing.funded(owner, 100)
    held = await billing.reserve(org, 10)
    before = await billing.state(org)
    options: dict[str, dict[str, Any]] = {
        "owner": {"token": owner},
        "staff": {"token": billing.staff()},
        "anonymous": {"headers": {}},
        "wrong service token": {"headers": {SERVICE_TOKEN_HEADER: "guess"}},
    }
    auth = options[who]

    results = [
        await billing.grant(org, 1000, **auth),
        await billing.reserve(org, 5, **auth),
        await billing.capture(held["reservation"]["key"], **auth),
        await billing.release(held["reservation"]["key"], **auth),
    ]

    for payload in results:
        assert [e["code"] for e in payload["errors"]] == ["FORBIDDEN"], payload
        assert payload.get("wallet") is None
    assert await billing.state(org) == before


async def test_reserve_holds_credits_and_replays(billing: Billing) -> None:
    org = await billing.funded(billing.user(), 100)
    the_key = key()

    held = await billing.reserve(org, 60, the_key, reference="run-1")
    again = await billing.reserve(org, 60, the_key, reference="run-1")
    too_much = await billing.reserve(org, 41)

    assert held["errors"] == []
    assert held["alreadyApplied"] is False
    reservation = held["reservation"]
    assert (reservation["key"], reservation["amount"], reservation["status"]) == (
        the_key,
        60,
        "HELD",
    )
    assert (reservation["reference"], reservation["organizationId"]) == ("run-1", org)
    assert (held["wallet"]["balance"], held["wallet"]["reserved"]) == (100, 60)
    assert held["wallet"]["available"] == 40
    assert again["alreadyApplied"] is True
    assert again["reservation"] == reservation
    assert codes(too_much) == [("INSUFFICIENT_CREDITS", "amount")]
    assert too_much["reservation"] is None
    state = await billing.assert_consistent(org)
    assert (state.balance, state.reserved, len(state.reservations)) == (100, 60, 1)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"amount": 0}, [("INVALID", "amount")]),
        ({"amount": -1}, [("INVALID", "amount")]),
        ({"idempotency_key": ""}, [("INVALID", "idempotencyKey")]),
        ({"reference": "r" * 201}, [("INVALID", "reference")]),
        ({"organization_id": "bad"}, [("INVALID", "organizationId")]),
        ({"organization_id": "unknown"}, [("NOT_FOUND", "organizationId")]),
        ({"amount": 1000}, [("INSUFFICIENT_CREDITS", "amount")]),
        ({"idempotency_key": "taken"}, [("CONFLICT", "idempotencyKey")]),
    ],
)
async def test_reserve_bad_input_changes_nothing(
    billing: Billing, changes: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    org = await billing.funded(billing.user(), 100)
    taken = key()
    assert (await billing.reserve(org, 1, taken))["errors"] == []
    before = await billing.state(org)
    args: dict[str, Any] = {"organization_id": org, "amount": 5}
    args.update(changes)
    if args["organization_id"] == "unknown":
        args["organization_id"] = str(uuid.uuid4())
    if args.get("idempotency_key") == "taken":
        args["idempotency_key"] = taken

    payload = await billing.reserve(**args)

    assert codes(payload) == expected
    assert payload["reservation"] is None
    assert await billing.state(org) == before


async def test_capture_charges_once_and_cannot_be_released(billing: Billing) -> None:
    org = await billing.funded(billing.user(), 100)
    held = await billing.reserve(org, 30, reference="run-7")
    the_key = held["reservation"]["key"]

    captured = await billing.capture(the_key)
    again = await billing.capture(the_key)
    release = await billing.release(the_key)

    assert captured["errors"] == []
    assert captured["alreadyApplied"] is False
    assert captured["reservation"]["status"] == "CAPTURED"
    assert captured["reservation"]["id"] == held["reservation"]["id"]
    entry = captured["entry"]
    assert (entry["kind"], entry["amount"], entry["balanceAfter"]) == ("RUN_CHARGE", -30, 70)
    assert entry["reference"] == "run-7"
    wallet = captured["wallet"]
    assert (wallet["balance"], wallet["reserved"], wallet["available"]) == (70, 0, 70)
    assert again["errors"] == []
    assert again["alreadyApplied"] is True
    assert again["entry"] == entry
    assert again["wallet"]["balance"] == 70
    assert codes(release) == [("CONFLICT", "idempotencyKey")]
    state = await billing.assert_consistent(org)
    assert [e["amount"] for e in state.entries] == [100, -30]
    assert [r["status"] for r in state.reservations] == ["CAPTURED"]


async def test_release_returns_credits_once_and_cannot_be_captured(billing: Billing) -> None:
    org = await billing.funded(billing.user(), 100)
    held = await billing.reserve(org, 30)
    the_key = held["reservation"]["key"]

    released = await billing.release(the_key)
    again = await billing.release(the_key)
    capture = await billing.capture(the_key)

    assert released["errors"] == []
    assert released["alreadyApplied"] is False
    assert released["reservation"]["status"] == "RELEASED"
    assert released["entry"] is None
    wallet = released["wallet"]
    assert (wallet["balance"], wallet["reserved"], wallet["available"]) == (100, 0, 100)
    assert again["errors"] == []
    assert again["alreadyApplied"] is True
    assert again["wallet"]["available"] == 100
    assert codes(capture) == [("CONFLICT", "idempotencyKey")]
    state = await billing.assert_consistent(org)
    assert [e["amount"] for e in state.entries] == [100]
    assert [r["status"] for r in state.reservations] == ["RELEASED"]


async def test_capture_and_release_of_unknown_or_empty_keys(billing: Billing) -> None:
    for operation in (billing.capture, billing.release):
        assert codes(await operation(key())) == [("NOT_FOUND", "idempotencyKey")]
        assert codes(await operation("  ")) == [("INVALID", "idempotencyKey")]
