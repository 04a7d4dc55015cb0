"""billing tables, all in the `billing` PostgreSQL schema.

Money invariants the database enforces on its own (the ledger code enforces them too):
`0 <= reserved <= balance` on every wallet, and the ledger is append-only (a trigger, added by
the initial migration, refuses UPDATE and DELETE of ledger rows).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    column,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from subgraphs.common.tables import timestamp_now, uuid_primary_key

SCHEMA = "billing"


class LedgerEntryKind(StrEnum):
    """Why a wallet's balance changed (also the GraphQL enum LedgerEntryKind)."""

    PLAN_GRANT = "PLAN_GRANT"
    CREDIT_PURCHASE = "CREDIT_PURCHASE"
    RUN_CHARGE = "RUN_CHARGE"
    REFUND = "REFUND"
    ADJUSTMENT = "ADJUSTMENT"


class ReservationStatus(StrEnum):
    """HELD until captured (charged) or released (also the GraphQL enum
    WalletReservationStatus)."""

    HELD = "HELD"
    CAPTURED = "CAPTURED"
    RELEASED = "RELEASED"


class Base(DeclarativeBase):
    metadata = MetaData(schema=SCHEMA)


class Wallet(Base):
    """One per organization (the organization lives in control-plane: no foreign key)."""

    __tablename__ = "wallets"
    __mapper_args__ = {"eager_defaults": True}  # server defaults come back on INSERT
    __table_args__ = (
        CheckConstraint("reserved >= 0", name="wallet_reserved_not_negative"),
        CheckConstraint("balance - reserved >= 0", name="wallet_available_not_negative"),
    )

    id: Mapped[uuid.UUID] = uuid_primary_key()
    organization_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), nullable=False, unique=True
    )
    balance: Mapped[int] = mapped_column(Integer, nullable=False, server_default=text("0"))
    reserved: Mapped[int] = mapped_column(Integer, nullable=False, server_default=text("0"))
    created_at: Mapped[datetime] = timestamp_now()
    updated_at: Mapped[datetime] = timestamp_now()


class LedgerEntry(Base):
    """Append-only: every change of a wallet's balance, with the balance it left behind."""

    __tablename__ = "ledger_entries"
    __mapper_args__ = {"eager_defaults": True}  # server defaults come back on INSERT
    __table_args__ = (
        CheckConstraint(
            column("kind", String).in_(list(LedgerEntryKind)), name="ledger_entry_kind"
        ),
        CheckConstraint("amount <> 0", name="ledger_entry_amount_not_zero"),
        CheckConstraint("balance_after >= 0", name="ledger_entry_balance_after_not_negative"),
        Index("ledger_entries_wallet", "wallet_id", "created_at", "id"),
        Index("ledger_entries_reference", "reference"),
        # A reservation is charged at most once.
        Index(
            "ledger_entries_reservation",
            "reservation_id",
            unique=True,
            postgresql_where=text("reservation_id IS NOT NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = uuid_primary_key()
    wallet_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("wallets.id"), nullable=False
    )
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    amount: Mapped[int] = mapped_column(Integer, nullable=False)
    balance_after: Mapped[int] = mapped_column(Integer, nullable=False)
    reference: Mapped[str | None] = mapped_column(String(200))
    reason: Mapped[str | None] = mapped_column(Text)
    idempotency_key: Mapped[str] = mapped_column(String(200), nullable=False, unique=True)
    reservation_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("reservations.id")
    )
    # clock_timestamp(), not now(): entries are written under the wallet's row lock, so their
    # times follow the order in which they were applied (what `entries` pages by).
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.clock_timestamp()
    )


class Reservation(Base):
    """Credits held for a run in flight: captured (charged) or released, exactly once."""

    __tablename__ = "reservations"
    __mapper_args__ = {"eager_defaults": True}  # server defaults come back on INSERT
    __table_args__ = (
        CheckConstraint(
            column("status", String).in_(list(ReservationStatus)), name="reservation_status"
        ),
        CheckConstraint("amount > 0", name="reservation_amount_positive"),
        Index("reservations_wallet_status", "wallet_id", "status"),
    )

    id: Mapped[uuid.UUID] = uuid_primary_key()
    wallet_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("wallets.id"), nullable=False
    )
    amount: Mapped[int] = mapped_column(Integer, nullable=False)
    key: Mapped[str] = mapped_column(String(200), nullable=False, unique=True)
    reference: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(
        String(10), nullable=False, server_default=ReservationStatus.HELD.value
    )
    created_at: Mapped[datetime] = timestamp_now()
    updated_at: Mapped[datetime] = timestamp_now()
