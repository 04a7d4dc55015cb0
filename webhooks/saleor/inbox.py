"""The durable inbox: store a verified delivery before answering Saleor, hand due deliveries
to the processor (several processors may run: SKIP LOCKED), record outcomes with backoff."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from kernel.database import Database
from kernel.telemetry import current_carrier
from webhooks.saleor.models import SaleorDelivery
from webhooks.saleor.signature import VerifiedDelivery

MAX_BACKOFF = timedelta(minutes=10)


def backoff(attempts: int, base_seconds: float) -> timedelta:
    """2 s, 4 s, 8 s, ... capped at ten minutes."""
    return min(timedelta(seconds=base_seconds * 2 ** max(attempts - 1, 0)), MAX_BACKOFF)


@dataclass(frozen=True)
class ClaimedDelivery:
    id: uuid.UUID
    order_id: str
    attempts: int
    trace_context: dict[str, str] | None = None


class Inbox:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def store(self, delivery: VerifiedDelivery, order_id: str) -> uuid.UUID:
        async with self.db.transaction() as session:
            row = SaleorDelivery(
                api_url=delivery.api_url,
                event=delivery.event,
                order_id=order_id,
                body=delivery.body.decode("utf-8", errors="replace"),
                trace_context=current_carrier() or None,  # when tracing
            )
            session.add(row)
            await session.flush()
            return row.id

    @asynccontextmanager
    async def claim(self) -> AsyncIterator[tuple[AsyncSession, ClaimedDelivery] | None]:
        """The oldest due delivery, locked until the block ends (so two processors never
        work on one delivery); None when nothing is due."""
        async with self.db.transaction() as session:
            row = await session.scalar(
                select(SaleorDelivery)
                .where(
                    SaleorDelivery.status == "PENDING",
                    SaleorDelivery.next_attempt_at <= func.now(),
                )
                .order_by(SaleorDelivery.next_attempt_at)
                .limit(1)
                .with_for_update(skip_locked=True)
            )
            yield (
                None
                if row is None
                else (
                    session,
                    ClaimedDelivery(row.id, row.order_id, row.attempts, row.trace_context),
                )
            )

    @staticmethod
    async def processed(session: AsyncSession, delivery: ClaimedDelivery) -> None:
        await session.execute(
            update(SaleorDelivery)
            .where(SaleorDelivery.id == delivery.id)
            .values(
                status="PROCESSED",
                attempts=delivery.attempts + 1,
                processed_at=func.now(),
                last_error=None,
            )
        )

    @staticmethod
    async def failed_attempt(
        session: AsyncSession,
        delivery: ClaimedDelivery,
        error: str,
        max_attempts: int,
        base_backoff_seconds: float,
    ) -> None:
        attempts = delivery.attempts + 1
        given_up = attempts >= max_attempts
        await session.execute(
            update(SaleorDelivery)
            .where(SaleorDelivery.id == delivery.id)
            .values(
                status="FAILED" if given_up else "PENDING",
                attempts=attempts,
                last_error=error[:2000],
                next_attempt_at=func.now() + backoff(attempts, base_backoff_seconds),
            )
        )

    async def listing(self, status: str | None = None, limit: int = 50) -> list[SaleorDelivery]:
        async with self.db.session() as session:
            statement = select(SaleorDelivery).order_by(SaleorDelivery.received_at.desc())
            if status is not None:
                statement = statement.where(SaleorDelivery.status == status.upper())
            return list((await session.scalars(statement.limit(limit))).all())

    async def replay(self, delivery_id: uuid.UUID) -> bool:
        """Queue a delivery again now (processed or given up), e.g. after fixing the cause."""
        async with self.db.transaction() as session:
            changed = await session.scalar(
                update(SaleorDelivery)
                .where(SaleorDelivery.id == delivery_id)
                .values(status="PENDING", next_attempt_at=func.now(), last_error=None)
                .returning(SaleorDelivery.id)
            )
            return changed is not None
