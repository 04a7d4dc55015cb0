"""Service-only mutations (`@inaccessible`: not in the public supergraph API).

Other subgraphs call these with the service credential: the order processor grants credits,
the execution subgraph reserves credits when a run starts and captures or releases them when
it ends. Anyone else gets FORBIDDEN.
"""

from __future__ import annotations

from enum import Enum

import strawberry
from strawberry.types import Info

from subgraphs.billing import access, ledger, models
from subgraphs.billing.context import BillingContext
from subgraphs.billing.mutations import guarded
from subgraphs.billing.types import LedgerEntry, LedgerEntryKind, Wallet
from subgraphs.common.errors import CmpError, CmpFailure
from subgraphs.common.ids import parse_id


@strawberry.federation.enum(inaccessible=True)
class WalletReservationStatus(Enum):
    HELD = "HELD"
    CAPTURED = "CAPTURED"
    RELEASED = "RELEASED"


@strawberry.federation.type(inaccessible=True)
class WalletReservation:
    id: strawberry.ID
    key: str
    amount: int
    status: WalletReservationStatus
    reference: str | None
    organization_id: strawberry.ID

    @classmethod
    def from_row(cls, row: models.Reservation, wallet: models.Wallet) -> WalletReservation:
        return cls(
            id=strawberry.ID(str(row.id)),
            key=row.key,
            amount=row.amount,
            status=WalletReservationStatus(row.status),
            reference=row.reference,
            organization_id=strawberry.ID(str(wallet.organization_id)),
        )


@strawberry.federation.input(inaccessible=True)
class WalletGrantInput:
    organization_id: strawberry.ID
    amount: int
    kind: LedgerEntryKind = strawberry.field(description="PLAN_GRANT, CREDIT_PURCHASE or REFUND.")
    reference: str | None = None
    idempotency_key: str


@strawberry.federation.input(inaccessible=True)
class WalletReserveInput:
    organization_id: strawberry.ID
    amount: int
    reference: str | None = None
    idempotency_key: str


@strawberry.federation.type(inaccessible=True)
class WalletGrantPayload:
    wallet: Wallet | None = None
    entry: LedgerEntry | None = None
    already_applied: bool = strawberry.field(
        default=False, description="True when this key had been applied before."
    )
    errors: list[CmpError] = strawberry.field(default_factory=list)


@strawberry.federation.type(inaccessible=True)
class WalletReservationPayload:
    reservation: WalletReservation | None = None
    wallet: Wallet | None = None
    entry: LedgerEntry | None = strawberry.field(
        default=None, description="The RUN_CHARGE entry of a capture."
    )
    already_applied: bool = False
    errors: list[CmpError] = strawberry.field(default_factory=list)


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
        inaccessible=True, description="Service only: add credits (plan grant, purchase, refund)."
    )
    async def wallet_grant(
        self, info: Info[BillingContext, None], input: WalletGrantInput
    ) -> WalletGrantPayload:
        ctx = info.context
        try:
            access.require_service(ctx)
            organization_id = parse_id(input.organization_id, "organizationId")
            kind = ledger.Kind(input.kind.value)
            await access.require_visible(ctx, organization_id)

            async def apply() -> ledger.LedgerWrite:
                async with ctx.db.transaction() as session:
                    return await ledger.grant(
                        session,
                        organization_id,
                        input.amount,
                        kind,
                        input.reference,
                        input.idempotency_key,
                    )

            result = await guarded(apply)
        except CmpFailure as failure:
            return WalletGrantPayload(errors=[failure.as_error()])
        return WalletGrantPayload(
            wallet=Wallet.from_row(result.wallet),
            entry=LedgerEntry.from_row(result.entry),
            already_applied=result.replayed,
        )

    @strawberry.federation.mutation(
        inaccessible=True, description="Service only: hold credits for a run."
    )
    async def wallet_reserve(
        self, info: Info[BillingContext, None], input: WalletReserveInput
    ) -> WalletReservationPayload:
        ctx = info.context
        try:
            access.require_service(ctx)
            organization_id = parse_id(input.organization_id, "organizationId")
            # An existing wallet means control-plane confirmed the organization before.
            await access.visible_wallet_of(ctx, organization_id)

            async def apply() -> ledger.ReservationWrite:
                async with ctx.db.transaction() as session:
                    return await ledger.reserve(
                        session,
                        organization_id,
                        input.amount,
                        input.reference,
                        input.idempotency_key,
                    )

            result = await guarded(apply)
        except CmpFailure as failure:
            return WalletReservationPayload(errors=[failure.as_error()])
        return _reservation_payload(result)

    @strawberry.federation.mutation(
        inaccessible=True,
        description="Service only: charge a held reservation (RUN_CHARGE), by its key.",
    )
    async def wallet_capture(
        self, info: Info[BillingContext, None], idempotency_key: str
    ) -> WalletReservationPayload:
        ctx = info.context
        try:
            access.require_service(ctx)

            async def apply() -> ledger.ReservationWrite:
                async with ctx.db.transaction() as session:
                    return await ledger.capture(session, idempotency_key)

            result = await guarded(apply)
        except CmpFailure as failure:
            return WalletReservationPayload(errors=[failure.as_error()])
        return _reservation_payload(result)

    @strawberry.federation.mutation(
        inaccessible=True,
        description="Service only: give a held reservation back, uncharged, by its key.",
    )
    async def wallet_release(
        self, info: Info[BillingContext, None], idempotency_key: str
    ) -> WalletReservationPayload:
        ctx = info.context
        try:
            access.require_service(ctx)

            async def apply() -> ledger.ReservationWrite:
                async with ctx.db.transaction() as session:
                    return await ledger.release(session, idempotency_key)

            result = await guarded(apply)
        except CmpFailure as failure:
            return WalletReservationPayload(errors=[failure.as_error()])
        return _reservation_payload(result)
