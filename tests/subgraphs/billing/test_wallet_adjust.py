"""Mutation.walletAdjust: staff only, validated, idempotent, never below zero available."""

from __future__ import annotations

import uuid

import pytest

from tests.subgraphs.billing.conftest import Billing, key


async def test_staff_adjusts_both_ways_and_replays_return_the_first_result(
    billing: Billing,
) -> None:
    staff = billing.staff()
    org = await billing.funded(billing.user(), 100)
    the_key = key()

    added = await billing.adjust(org, 50, "promised on the phone", the_key, token=staff)
    assert added["errors"] == []
    assert added["entry"]["kind"] == "ADJUSTMENT"
    assert (added["entry"]["amount"], added["entry"]["balanceAfter"]) == (50, 150)
    assert (added["wallet"]["balance"], added["wallet"]["available"]) == (150, 150)

    replay = await billing.adjust(org, 50, "promised on the phone", the_key, token=staff)
    assert replay["errors"] == []
    assert replay["entry"] == added["entry"]
    assert replay["wallet"]["balance"] == 150

    removed = await billing.adjust(org, -120, "clawback", token=staff)
    assert removed["errors"] == []
    assert (removed["entry"]["amount"], removed["entry"]["balanceAfter"]) == (-120, 30)

    state = await billing.assert_consistent(org)
    assert [e["amount"] for e in state.entries] == [100, 50, -120]
    assert state.balance == 30


async def test_negative_adjustment_cannot_touch_reserved_credits(billing: Billing) -> None:
    staff = billing.staff()
    org = await billing.funded(billing.user(), 100)
    assert (await billing.reserve(org, 80))["errors"] == []

    refused = await billing.adjust(org, -21, "too much", token=staff)
    assert refused["wallet"] is None
    assert refused["entry"] is None
    (error,) = refused["errors"]
    assert error["code"] == "INSUFFICIENT_CREDITS"

    allowed = await billing.adjust(org, -20, "exactly what is available", token=staff)
    assert allowed["errors"] == []
    assert (allowed["wallet"]["balance"], allowed["wallet"]["available"]) == (80, 0)
    state = await billing.assert_consistent(org)
    assert [e["amount"] for e in state.entries] == [100, -20]


@pytest.mark.parametrize(
    ("amount", "reason", "idempotency_key", "field"),
    [
        (0, "zero", None, "amount"),
        (5, "", None, "reason"),
        (5, "   ", None, "reason"),
        (5, "x" * 501, None, "reason"),
        (5, "ok", "", "idempotencyKey"),
        (5, "ok", "k" * 201, "idempotencyKey"),
        (5, "ok", "capture:mine", "idempotencyKey"),
    ],
)
async def test_bad_input_is_invalid_and_changes_nothing(
    billing: Billing, amount: int, reason: str, idempotency_key: str | None, field: str
) -> None:
    org = await billing.funded(billing.user(), 10)
    before = await billing.state(org)

    payload = await billing.adjust(org, amount, reason, idempotency_key, token=billing.staff())

    assert payload["wallet"] is None
    assert payload["entry"] is None
    (error,) = payload["errors"]
    assert (error["code"], error["field"]) == ("INVALID", field)
    assert error["message"]
    assert await billing.state(org) == before


async def test_key_reused_with_other_parameters_is_a_conflict(billing: Billing) -> None:
    staff = billing.staff()
    org = await billing.funded(billing.user(), 10)
    other_org = await billing.funded(billing.user(), 10)
    the_key = key()
    assert (await billing.adjust(org, 5, "first", the_key, token=staff))["errors"] == []
    before = await billing.state(org)

    for changed in (
        {"organization_id": org, "amount": 6, "reason": "first"},
        {"organization_id": org, "amount": 5, "reason": "second"},
        {"organization_id": other_org, "amount": 5, "reason": "first"},
    ):
        payload = await billing.adjust(
            changed["organization_id"],  # type: ignore[arg-type]
            changed["amount"],  # type: ignore[arg-type]
            changed["reason"],  # type: ignore[arg-type]
            the_key,
            token=staff,
        )
        assert [e["code"] for e in payload["errors"]] == ["CONFLICT"], payload
        assert payload["entry"] is None
    assert await billing.state(org) == before
    assert (await billing.state(other_org)).balance == 10


async def test_only_staff_may_adjust(billing: Billing) -> None:
    owner = billing.user()
    org = await billing.funded(owner, 10)
    before = await billing.state(org)

    as_owner = await billing.adjust(org, 1000, token=owner)
    anonymous = await billing.adjust(org, 1000)
    forged = await billing.adjust(org, 1000, token="forged")

    assert [e["code"] for e in as_owner["errors"]] == ["FORBIDDEN"]
    assert [e["code"] for e in anonymous["errors"]] == ["UNAUTHENTICATED"]
    assert [e["code"] for e in forged["errors"]] == ["UNAUTHENTICATED"]
    assert await billing.state(org) == before


async def test_unknown_or_malformed_organization(billing: Billing) -> None:
    staff = billing.staff()
    unknown = str(uuid.uuid4())
    missing = await billing.adjust(unknown, 5, token=staff)
    malformed = await billing.adjust("not-an-id", 5, token=staff)

    assert [(e["code"], e["field"]) for e in missing["errors"]] == [("NOT_FOUND", "organizationId")]
    assert [(e["code"], e["field"]) for e in malformed["errors"]] == [("INVALID", "organizationId")]
    assert (await billing.state(unknown)).entries == []  # and no wallet was created
    async with billing.stack.billing_db.session() as session:
        from sqlalchemy import text

        wallets = await session.scalar(
            text("SELECT count(*) FROM billing.wallets WHERE organization_id = :o"), {"o": unknown}
        )
    assert wallets == 0
