"""walletAdjust: staff corrections of a wallet; expected failures come back in `errors`."""

from __future__ import annotations

import strawberry

from subgraphs.billing import access, ledger
from subgraphs.billing.context import BillingInfo
from subgraphs.billing.mutations.payloads import WalletAdjustInput, WalletAdjustPayload
from subgraphs.billing.types import LedgerEntry, Wallet
from subgraphs.common.ids import parse_id
from subgraphs.common.payloads import errors_in_payload


@strawberry.type
class WalletMutations:
    @strawberry.mutation(description="Staff only: add or remove credits, with a reason.")
    async def wallet_adjust(
        self, info: BillingInfo, input: WalletAdjustInput
    ) -> WalletAdjustPayload:
        ctx = info.context

        async def work() -> WalletAdjustPayload:
            access.require_staff(ctx)
            organization_id = parse_id(input.organization_id, "organizationId")
            await access.require_visible(ctx, organization_id)
            async with ctx.db.transaction() as session:
                result = await ledger.adjust(
                    session, organization_id, input.amount, input.reason, input.idempotency_key
                )
            return WalletAdjustPayload(
                wallet=Wallet.from_row(result.wallet), entry=LedgerEntry.from_row(result.entry)
            )

        return await errors_in_payload(WalletAdjustPayload, work)
