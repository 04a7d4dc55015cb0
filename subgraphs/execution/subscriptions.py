"""execution's root subscription: `runUpdated(id)` sends the run as it is now, then again after
every change, and ends once the run is finished and settled (its charge is final). Members of
the run's organization and staff only; anyone else gets NOT_FOUND, as for `run(id)`."""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from collections.abc import AsyncGenerator

import strawberry
from sqlalchemy import select

from subgraphs.execution import access, models
from subgraphs.execution.context import ExecutionContext, ExecutionInfo
from subgraphs.execution.run_events import RunEvents
from subgraphs.execution.types import Run

# Insurance against a notification lost between two LISTEN connections: read again this often.
SAFETY_POLL_SECONDS = 5.0
# A finished run is settled by its worker within moments; if billing is down, the stream ends
# after this long with the run's final status and the charge still pending.
SETTLE_GRACE_SECONDS = 10.0


async def _read(ctx: ExecutionContext, run_id: uuid.UUID) -> models.Run | None:
    async with ctx.services.db.session() as session:
        row: models.Run | None = await session.scalar(
            select(models.Run)
            .where(models.Run.id == run_id)
            .execution_options(populate_existing=True)
        )
        return row


def _events(ctx: ExecutionContext) -> RunEvents:
    assert ctx.run_events is not None, "the execution app starts its run events"
    return ctx.run_events


@strawberry.type
class Subscription:
    @strawberry.subscription(
        description="The run now, then again on every change, until it is finished."
    )
    async def run_updated(
        self, info: ExecutionInfo, id: strawberry.ID
    ) -> AsyncGenerator[Run, None]:
        ctx = info.context
        visible = await access.visible_run(ctx, id)
        async with _events(ctx).watch(str(visible.id)) as changed:
            last: Run | None = None
            finished_at: float | None = None
            while True:
                row = await _read(ctx, visible.id)
                if row is None:  # runs are never deleted; be safe all the same
                    return
                current = Run.from_row(row)
                if current != last:
                    yield current
                    last = current
                if row.status in models.TERMINAL:
                    finished_at = finished_at or time.monotonic()
                    if row.settled or time.monotonic() - finished_at > SETTLE_GRACE_SECONDS:
                        return
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(changed.wait(), SAFETY_POLL_SECONDS)
                changed.clear()
