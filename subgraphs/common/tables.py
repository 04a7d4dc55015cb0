"""Column shapes every subgraph's tables share (SQLAlchemy only; each subgraph's models.py has
its own declarative base and PostgreSQL schema)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import DateTime, func
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column


def uuid_primary_key() -> Mapped[uuid.UUID]:
    return mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)


def timestamp_now() -> Mapped[datetime]:
    """A timestamp the database sets at insert (created_at, and updated_at until changed)."""
    return mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())
