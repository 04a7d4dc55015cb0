"""Service-only mutations (`@inaccessible`: not in the public supergraph API).

Other subgraphs call these with the service credential: the order processor grants credits,
the execution subgraph reserves credits when a run starts and captures or releases them when
it ends. Anyone else gets FORBIDDEN.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from subgraphs.billing import access, ledger
from subgraphs.billing.context import BillingContext, BillingInfo
from subgraphs.billing.mutations.payloads import (
    WalletGrantInput,
    WalletGrantPayload,
    WalletOpenPayload,
    WalletReservationPayload,
    WalletReserveInput,
)
from subgraphs.billing.types import LedgerEntry, Wallet, WalletReservation
from subgraphs.common.ids import parse_id
from subgraphs.common.payloads import errors_in_payload


def _reservation_payload(result: ledger.ReservationWrite) -> WalletReservationPayload:
    return WalletReservationPayload(
        reservation=WalletReservation.from_row(result.reservation, result.wallet),
        wallet=Wallet.from_row(result.wallet),
        entry=None if result.entry is None else LedgerEntry.from_row(result.entry),
        already_applied=result.replayed,
    )


@strawberry.type
class InternalMutation:
    @strawberry.federation.mutation(
        inaccessible=True,
        description="Service only: open an organization's wallet (control-plane calls it when "
        "the organization is created; idempotent).",
    )
    async def wallet_open(
        self, info: BillingInfo, organization_id: strawberry.ID
    ) -> WalletOpenPayload:
        ctx = info.context

        async def work() -> WalletOpenPayload:
            access.require_service(ctx)
            organization = parse_id(organization_id, "organizationId")
            return WalletOpenPayload(
                wallet=Wallet.from_row(await access.visible_wallet_of(ctx, organization))
            )

        return await errors_in_payload(WalletOpenPayload, work)

    @strawberry.federation.mutation(
        inaccessible=True, description="Service only: add credits (plan grant, purchase, refund)."
    )
    async def wallet_grant(self, info: BillingInfo, input: WalletGrantInput) -> WalletGrantPayload:
        ctx = info.context

        async def work() -> WalletGrantPayload:
            access.require_service(ctx)
            organization_id = parse_id(input.organization_id, "organizationId")
            await access.require_visible(ctx, organization_id)
            async with ctx.db.transaction() as session:
                result = await ledger.grant(
                    session,
                    organization_id,
                    input.amount,
                    input.kind,
                    input.reference,
                    input.idempotency_key,
                )
            return WalletGrantPayload(
                wallet=Wallet.from_row(result.wallet),
                entry=LedgerEntry.from_row(result.entry),
                already_applied=result.replayed,
            )

        return await errors_in_payload(WalletGrantPayload, work)

    @strawberry.federation.mutation(
        inaccessible=True, description="Service only: hold credits for a run."
    )
    async def wallet_reserve(
        self, info: BillingInfo, input: WalletReserveInput
    ) -> WalletReservationPayload:
        ctx = info.context

        async def work() -> WalletReservationPayload:
            access.require_service(ctx)
            organization_id = parse_id(input.organization_id, "organizationId")
            # An existing wallet means control-plane confirmed the organization before.
            await access.visible_wallet_of(ctx, organization_id)
            async with ctx.db.transaction() as session:
                result = await ledger.reserve(
                    session,
                    organization_id,
                    input.amount,
                    input.reference,
                    input.idempotency_key,
                )
            return _reservation_payload(result)

        return await errors_in_payload(WalletReservationPayload, work)

    @strawberry.federation.mutation(
        inaccessible=True,
        description="Service only: charge a held reservation (RUN_CHARGE), by its key.",
    )
    async def wallet_capture(
        self, info: BillingInfo, idempotency_key: str
    ) -> WalletReservationPayload:
        return await _settle(info.context, idempotency_key, ledger.capture)

    @strawberry.federation.mutation(
        inaccessible=True,
        description="Service only: give a held reservation back, uncharged, by its key.",
    )
    async def wallet_release(
        self, info: BillingInfo, idempotency_key: str
    ) -> WalletReservationPayload:
        return await _settle(info.context, idempotency_key, ledger.release)


async def _settle(
    ctx: BillingContext,
    key: str,
    operation: Callable[[AsyncSession, str], Awaitable[ledger.ReservationWrite]],
) -> WalletReservationPayload:
    """Capture or release a reservation by its key (service only)."""

    async def work() -> WalletReservationPayload:
        access.require_service(ctx)
        async with ctx.db.transaction() as session:
            return _reservation_payload(await operation(session, key))

    return await errors_in_payload(WalletReservationPayload, work)
