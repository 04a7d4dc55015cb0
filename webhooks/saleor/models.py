"""The webhook inbox, in the `webhooks` PostgreSQL schema: every verified delivery is stored
here before Saleor gets its 2xx, and stays until processed (or given up, for a human)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, Index, Integer, MetaData, String, Text, func, text
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

SCHEMA = "webhooks"


class Base(DeclarativeBase):
    metadata = MetaData(schema=SCHEMA)


class SaleorDelivery(Base):
    __tablename__ = "saleor_deliveries"
    __table_args__ = (
        CheckConstraint(
            "status IN ('PENDING', 'PROCESSED', 'FAILED')", name="saleor_delivery_status"
        ),
        Index(
            "saleor_deliveries_due", "next_attempt_at", postgresql_where=text("status = 'PENDING'")
        ),
        Index("saleor_deliveries_order", "order_id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    api_url: Mapped[str] = mapped_column(String(500), nullable=False)
    event: Mapped[str] = mapped_column(String(100), nullable=False)
    order_id: Mapped[str] = mapped_column(String(200), nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False)  # exactly as signed
    status: Mapped[str] = mapped_column(String(10), nullable=False, server_default="PENDING")
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    last_error: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )
    next_attempt_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )
    processed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The receiving request's W3C trace context: processing attempts continue that trace.
    trace_context: Mapped[dict[str, str] | None] = mapped_column(JSONB)
