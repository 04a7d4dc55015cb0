"""Service-only mutations (`@inaccessible`: not in the public supergraph API).

Other subgraphs call these with the service credential: the order processor grants credits,
the execution subgraph reserves credits when a run starts and captures or releases them when
it ends. Anyone else gets FORBIDDEN.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from enum import Enum

import strawberry
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.types import Info

from subgraphs.billing import access, ledger, models
from subgraphs.billing.context import BillingContext
from subgraphs.billing.mutations import guarded
from subgraphs.billing.types import LedgerEntry, LedgerEntryKind, Wallet
from subgraphs.common.errors import CmpError, CmpErrorCode, CmpFailure
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
class InternalQuery:
    @strawberry.federation.field(
        inaccessible=True,
        description="Service only: reservations still HELD after a while, by key prefix — how "
        "a service finds holds its own crash left behind.",
    )
    async def held_reservations(
        self,
        info: Info[BillingContext, None],
        key_prefix: str,
        older_than_seconds: int,
        first: int = 100,
    ) -> list[WalletReservation]:
        ctx = info.context
        access.require_service(ctx)
        if not key_prefix or older_than_seconds < 0 or not 0 < first <= 500:
            raise CmpFailure(
                CmpErrorCode.INVALID, "keyPrefix, olderThanSeconds or first is invalid"
            )
        async with ctx.db.session() as session:
            rows = await session.execute(
                select(models.Reservation, models.Wallet)
                .join(models.Wallet, models.Wallet.id == models.Reservation.wallet_id)
                .where(
                    models.Reservation.status == ledger.ReservationStatus.HELD.value,
                    models.Reservation.key.startswith(key_prefix, autoescape=True),
                    models.Reservation.created_at
                    < func.now() - func.make_interval(0, 0, 0, 0, 0, 0, older_than_seconds),
                )
                .order_by(models.Reservation.created_at)
                .limit(first)
            )
            return [WalletReservation.from_row(r, w) for r, w in rows.all()]


@strawberry.federation.type(inaccessible=True)
class WalletOpenPayload:
    wallet: Wallet | None = None
    errors: list[CmpError] = strawberry.field(default_factory=list)


@strawberry.type
class InternalMutation:
    @strawberry.federation.mutation(
        inaccessible=True,
        description="Service only: open an organization's wallet (control-plane calls it when "
        "the organization is created; idempotent).",
    )
    async def wallet_open(
        self, info: Info[BillingContext, None], organization_id: strawberry.ID
    ) -> WalletOpenPayload:
        ctx = info.context
        try:
            access.require_service(ctx)
            wallet = await access.visible_wallet_of(
                ctx, parse_id(organization_id, "organizationId")
            )
        except CmpFailure as failure:
            return WalletOpenPayload(errors=[failure.as_error()])
        return WalletOpenPayload(wallet=Wallet.from_row(wallet))

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
        return await _settle(info.context, idempotency_key, ledger.capture)

    @strawberry.federation.mutation(
        inaccessible=True,
        description="Service only: give a held reservation back, uncharged, by its key.",
    )
    async def wallet_release(
        self, info: Info[BillingContext, None], idempotency_key: str
    ) -> WalletReservationPayload:
        return await _settle(info.context, idempotency_key, ledger.release)


async def _settle(
    ctx: BillingContext,
    key: str,
    operation: Callable[[AsyncSession, str], Awaitable[ledger.ReservationWrite]],
) -> WalletReservationPayload:
    """Capture or release a reservation by its key (service only)."""
    try:
        access.require_service(ctx)

        async def apply() -> ledger.ReservationWrite:
            async with ctx.db.transaction() as session:
                return await operation(session, key)

        result = await guarded(apply)
    except CmpFailure as failure:
        return WalletReservationPayload(errors=[failure.as_error()])
    return _reservation_payload(result)
