"""execution tables, in the `execution` PostgreSQL schema. The runs table is also the queue."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    and_,
    column,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.sql.elements import ColumnElement

from subgraphs.common.tables import timestamp_now, uuid_primary_key

SCHEMA = "execution"


class RunStatus(StrEnum):
    """A run's life: QUEUED, RUNNING, then one of the three ends (also the GraphQL enum)."""

    QUEUED = "QUEUED"
    RUNNING = "RUNNING"
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"
    CANCELLED = "CANCELLED"


TERMINAL = frozenset({RunStatus.SUCCEEDED, RunStatus.FAILED, RunStatus.CANCELLED})
RESERVATION_PREFIX = "run:"  # billing reservation key = prefix + run id


class Base(DeclarativeBase):
    metadata = MetaData(schema=SCHEMA)


class Run(Base):
    __tablename__ = "runs"
    __table_args__ = (
        CheckConstraint(column("status", String).in_(list(RunStatus)), name="run_status"),
        CheckConstraint("credits_charged >= 0 AND credits_reserved >= 0", name="run_credits"),
        # The same idempotency key on the same instance is the same run.
        Index(
            "runs_idempotency",
            "instance_id",
            "idempotency_key",
            unique=True,
            postgresql_where=text("idempotency_key IS NOT NULL"),
        ),
        Index("runs_instance", "instance_id", "created_at"),
        # What workers scan: queued runs, expired leases, unsettled finished runs.
        Index(
            "runs_pending",
            "created_at",
            postgresql_where=text("status IN ('QUEUED', 'RUNNING') OR NOT settled"),
        ),
    )

    id: Mapped[uuid.UUID] = uuid_primary_key()
    instance_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    organization_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    offering_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    flow_id: Mapped[str] = mapped_column(String(200), nullable=False)
    created_by: Mapped[str | None] = mapped_column(String(200))
    idempotency_key: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(10), nullable=False)
    input: Mapped[Any] = mapped_column(JSONB, nullable=False)
    output: Mapped[Any | None] = mapped_column(JSONB)
    error: Mapped[str | None] = mapped_column(Text)
    credits_reserved: Mapped[int] = mapped_column(Integer, nullable=False)
    credits_charged: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    duration_ms: Mapped[int | None] = mapped_column(Integer)
    input_tokens: Mapped[int | None] = mapped_column(Integer)
    output_tokens: Mapped[int | None] = mapped_column(Integer)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    lease_owner: Mapped[str | None] = mapped_column(String(100))
    lease_expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The reservation was captured or released in billing (exactly once, by key).
    settled: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default="false")
    created_at: Mapped[datetime] = timestamp_now()
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The runStart request's W3C trace context and x-request-id: the worker continues them.
    trace_context: Mapped[dict[str, str] | None] = mapped_column(JSONB)

    @property
    def reservation_key(self) -> str:
        return f"{RESERVATION_PREFIX}{self.id}"


def leased_by(run_id: uuid.UUID, owner: str) -> ColumnElement[bool]:
    """The run is RUNNING and `owner` holds its lease: the only condition under which a worker
    writes to it (cancelled or taken over, the run is no longer its own)."""
    return and_(Run.id == run_id, Run.status == "RUNNING", Run.lease_owner == owner)
