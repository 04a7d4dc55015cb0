"""Query fields of the billing subgraph; `InternalQuery`'s are for CMP services only
(`@inaccessible`: not in the public supergraph API)."""

from __future__ import annotations

import strawberry
from sqlalchemy import func, select

from subgraphs.billing import access, models
from subgraphs.billing.context import BillingInfo
from subgraphs.billing.types import Wallet, WalletReservation
from subgraphs.common.errors import CmpErrorCode, CmpFailure
from subgraphs.common.ids import parse_id


@strawberry.type
class Query:
    @strawberry.field(
        description="An organization's wallet; null (NOT_FOUND) unless the caller may see it."
    )
    async def wallet(self, info: BillingInfo, organization_id: strawberry.ID) -> Wallet | None:
        access.require_signed_in(info.context)
        row = await access.visible_wallet_of(
            info.context, parse_id(organization_id, "organizationId"), what="wallet"
        )
        return Wallet.from_row(row)


@strawberry.type
class InternalQuery:
    @strawberry.federation.field(
        inaccessible=True,
        description="Service only: reservations still HELD after a while, by key prefix — how "
        "a service finds holds its own crash left behind.",
    )
    async def held_reservations(
        self,
        info: BillingInfo,
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
                    models.Reservation.status == models.ReservationStatus.HELD,
                    models.Reservation.key.startswith(key_prefix, autoescape=True),
                    models.Reservation.created_at
                    < func.now() - func.make_interval(0, 0, 0, 0, 0, 0, older_than_seconds),
                )
                .order_by(models.Reservation.created_at)
                .limit(first)
            )
            return [WalletReservation.from_row(r, w) for r, w in rows.all()]
