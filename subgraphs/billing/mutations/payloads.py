"""Inputs and payloads of billing's mutations (Saleor's convention: errors in the payload).
The `@inaccessible` ones are for CMP services only."""

from __future__ import annotations

import strawberry

from subgraphs.billing.models import LedgerEntryKind
from subgraphs.billing.types import LedgerEntry, Wallet, WalletReservation
from subgraphs.common.errors import CmpError


@strawberry.input
class WalletAdjustInput:
    organization_id: strawberry.ID
    amount: int = strawberry.field(description="Signed: positive adds credits.")
    reason: str
    idempotency_key: str


@strawberry.type
class WalletAdjustPayload:
    wallet: Wallet | None = None
    entry: LedgerEntry | None = None
    errors: list[CmpError] = strawberry.field(default_factory=list)


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


@strawberry.federation.type(inaccessible=True)
class WalletOpenPayload:
    wallet: Wallet | None = None
    errors: list[CmpError] = strawberry.field(default_factory=list)
