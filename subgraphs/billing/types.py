"""Strawberry types of the billing subgraph (contract names; Strawberry camelCases fields)."""

from __future__ import annotations

import uuid
from datetime import datetime

import strawberry

from subgraphs.billing import access, models
from subgraphs.billing.context import BillingInfo
from subgraphs.billing.models import LedgerEntryKind, ReservationStatus
from subgraphs.common.connections import Connection
from subgraphs.common.errors import not_found
from subgraphs.common.ids import try_parse_id
from subgraphs.common.inputs import OMITTED, opt
from subgraphs.common.pagination import fetch_page

# The tables' enums (models.py) are also the GraphQL enums.
strawberry.enum(LedgerEntryKind)
strawberry.federation.enum(ReservationStatus, name="WalletReservationStatus", inaccessible=True)


@strawberry.type
class LedgerEntry:
    id: strawberry.ID
    kind: LedgerEntryKind
    amount: int = strawberry.field(description="Signed: positive adds credits.")
    balance_after: int
    reference: str | None
    created_at: datetime

    @classmethod
    def from_row(cls, row: models.LedgerEntry) -> LedgerEntry:
        return cls(
            id=strawberry.ID(str(row.id)),
            kind=LedgerEntryKind(row.kind),
            amount=row.amount,
            balance_after=row.balance_after,
            reference=row.reference,
            created_at=row.created_at,
        )


@strawberry.federation.type(keys=["id"], description="An organization (owned by control-plane).")
class Organization:
    id: strawberry.ID

    @strawberry.field(description="The organization's credits.")
    async def wallet(self, info: BillingInfo) -> Wallet | None:
        organization_id = try_parse_id(self.id)
        if organization_id is None:
            raise not_found("organization")
        row = await access.visible_wallet_of(info.context, organization_id)
        return Wallet.from_row(row)

    @classmethod
    async def resolve_reference(cls, info: BillingInfo, id: strawberry.ID) -> Organization:
        organization_id = try_parse_id(id)
        if organization_id is None:
            raise not_found("organization")
        await access.require_visible(info.context, organization_id)
        return cls(id=strawberry.ID(str(organization_id)))


@strawberry.federation.type(
    keys=["id"], description="An organization's credits: one per organization."
)
class Wallet:
    id: strawberry.ID
    balance: int = strawberry.field(description="The sum of the ledger.")
    reserved: int = strawberry.field(description="Held for runs in flight.")
    organization_id: strawberry.Private[uuid.UUID]

    @classmethod
    def from_row(cls, row: models.Wallet) -> Wallet:
        return cls(
            id=strawberry.ID(str(row.id)),
            balance=row.balance,
            reserved=row.reserved,
            organization_id=row.organization_id,
        )

    @strawberry.field(description="balance - reserved; never below zero.")
    def available(self) -> int:
        return self.balance - self.reserved

    @strawberry.field
    def organization(self) -> Organization:
        return Organization(id=strawberry.ID(str(self.organization_id)))

    @strawberry.field(description="Newest first.")
    async def entries(
        self,
        info: BillingInfo,
        first: int | None = 20,
        after: str | None = OMITTED,
    ) -> Connection[LedgerEntry]:
        mine = [models.LedgerEntry.wallet_id == uuid.UUID(str(self.id))]
        async with info.context.db.session() as session:
            page = await fetch_page(session, models.LedgerEntry, mine, first, opt(after))
        return Connection.of(page, LedgerEntry.from_row)

    @classmethod
    async def resolve_reference(cls, info: BillingInfo, id: strawberry.ID) -> Wallet:
        wallet_id = try_parse_id(id)
        row = None if wallet_id is None else await info.context.loaders.wallet_by_id.load(wallet_id)
        return cls.from_row(await access.require_wallet_visible(info.context, row))


@strawberry.federation.type(keys=["id"], description="A Saleor order (owned by Saleor).")
class Order:
    id: strawberry.ID

    @strawberry.field(
        description="Credits this order added to wallets the caller can see "
        "(its PLAN_GRANT and CREDIT_PURCHASE ledger entries)."
    )
    async def credits_granted(self, info: BillingInfo) -> int | None:
        credits = await info.context.loaders.order_credits.load(str(self.id))
        visible = await access.visible_organizations(info.context, (org for org, _ in credits))
        return sum(amount for org, amount in credits if org in visible)

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> Order:
        return cls(id=id)


@strawberry.federation.type(inaccessible=True)
class WalletReservation:
    id: strawberry.ID
    key: str
    amount: int
    status: ReservationStatus
    reference: str | None
    organization_id: strawberry.ID

    @classmethod
    def from_row(cls, row: models.Reservation, wallet: models.Wallet) -> WalletReservation:
        return cls(
            id=strawberry.ID(str(row.id)),
            key=row.key,
            amount=row.amount,
            status=ReservationStatus(row.status),
            reference=row.reference,
            organization_id=strawberry.ID(str(wallet.organization_id)),
        )
