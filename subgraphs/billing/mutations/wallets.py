"""walletAdjust: staff corrections of a wallet; expected failures come back in `errors`."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

import strawberry
from sqlalchemy.exc import SQLAlchemyError

from subgraphs.billing import access, ledger
from subgraphs.billing.context import BillingInfo
from subgraphs.billing.mutations.payloads import WalletAdjustInput, WalletAdjustPayload
from subgraphs.billing.types import LedgerEntry, Wallet
from subgraphs.common.errors import CmpErrorCode, CmpFailure
from subgraphs.common.ids import parse_id

log = logging.getLogger(__name__)

T = TypeVar("T")


async def guarded(operation: Callable[[], Awaitable[T]]) -> T:
    """Run a mutation body: a CmpFailure passes through as is; a database failure (pool
    exhausted, connection lost) becomes UNAVAILABLE rather than a crash. Either way the
    transaction was rolled back, so nothing changed."""
    try:
        return await operation()
    except CmpFailure:
        raise
    except SQLAlchemyError as error:
        log.exception("billing database operation failed")
        raise CmpFailure(CmpErrorCode.UNAVAILABLE, "billing is unavailable; try again") from error


@strawberry.type
class WalletMutations:
    @strawberry.mutation(description="Staff only: add or remove credits, with a reason.")
    async def wallet_adjust(
        self, info: BillingInfo, input: WalletAdjustInput
    ) -> WalletAdjustPayload:
        ctx = info.context
        try:
            access.require_staff(ctx)
            organization_id = parse_id(input.organization_id, "organizationId")
            await access.require_visible(ctx, organization_id)

            async def apply() -> ledger.LedgerWrite:
                async with ctx.db.transaction() as session:
                    return await ledger.adjust(
                        session, organization_id, input.amount, input.reason, input.idempotency_key
                    )

            result = await guarded(apply)
        except CmpFailure as failure:
            return WalletAdjustPayload(errors=[failure.as_error()])
        return WalletAdjustPayload(
            wallet=Wallet.from_row(result.wallet), entry=LedgerEntry.from_row(result.entry)
        )
