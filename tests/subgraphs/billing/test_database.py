"""What the database enforces on its own, whatever code talks to it: the ledger is append-only
and a wallet's `available` cannot go below zero."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tests.subgraphs.billing.conftest import Billing


async def test_ledger_rows_cannot_be_updated_or_deleted(billing: Billing) -> None:
    org = await billing.funded(billing.user(), 100)
    entry_id = (await billing.state(org)).entries[0]["id"]

    for statement in (
        "UPDATE billing.ledger_entries SET amount = 1000 WHERE id = :id",
        "DELETE FROM billing.ledger_entries WHERE id = :id",
    ):
        with pytest.raises(DBAPIError, match="append-only"):
            async with billing.stack.billing_db.transaction() as session:
                await session.execute(text(statement), {"id": entry_id})
    assert (await billing.assert_consistent(org)).entries[0]["amount"] == 100


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE billing.wallets SET reserved = balance + 1 WHERE organization_id = :org",
        "UPDATE billing.wallets SET reserved = -1 WHERE organization_id = :org",
        "UPDATE billing.wallets SET balance = balance - 101 WHERE organization_id = :org",
    ],
)
async def test_wallet_available_cannot_go_negative(billing: Billing, statement: str) -> None:
    org = await billing.funded(billing.user(), 100)

    with pytest.raises(DBAPIError, match="wallet_"):
        async with billing.stack.billing_db.transaction() as session:
            await session.execute(text(statement), {"org": org})
    assert (await billing.assert_consistent(org)).balance == 100
