"""A running run's output as it grows: the worker writes what the runtime has produced so far
into the run's `output` as `{"text": "<so far>", "partial": true}`, so `run(id)` and every
`runUpdated` subscriber (woken by the row's NOTIFY trigger) see it. Writes are throttled — one
RUN_PROGRESS_SECONDS after the text first changes, then at most one per RUN_PROGRESS_SECONDS,
always the latest text — so a model streaming hundreds of tokens a second costs a few row
updates a second (each one event per subscriber), and a run that ends within the interval
writes no partial output at all. Only the lease holder of a RUNNING run writes; the final output
replaces the partial one when the worker finishes the run."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from typing import Any

from sqlalchemy import update

from kernel.database import Database
from subgraphs.execution import models
from subgraphs.execution.runtimes.base import RunProgress

log = logging.getLogger(__name__)


def partial_output(text: str) -> dict[str, Any]:
    return {"text": text, "partial": True}


class PartialOutputWriter:
    """Follows one call's RunProgress and writes its text into the run, throttled."""

    def __init__(
        self,
        db: Database,
        run_id: uuid.UUID,
        lease_owner: str,
        progress: RunProgress,
        interval_seconds: float,
    ) -> None:
        self._db = db
        self._run_id = run_id
        self._owner = lease_owner
        self._progress = progress
        self._interval = interval_seconds
        self._closing = asyncio.Event()
        self._task = asyncio.create_task(self._follow())

    async def close(self) -> None:
        """Stop once any write under way has ended (a write cut mid-transaction is rolled
        back anyway, but the connection is spared)."""
        self._closing.set()
        self._progress.changed.set()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task

    def cancel(self) -> None:
        self._task.cancel()

    async def _follow(self) -> None:
        written: str | None = None
        while not self._closing.is_set():
            await self._progress.changed.wait()
            # Let the text grow for one interval before writing it: a run that ends meanwhile
            # writes nothing (its final output comes at once), and writes are that far apart.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._closing.wait(), self._interval)
            if self._closing.is_set():
                return
            self._progress.changed.clear()
            text = self._progress.text
            if text is None or text == written:
                continue
            try:
                if not await self._write(text):
                    return  # cancelled or taken over: the lease loop notices too
                written = text
            except Exception:  # a database blip costs an update, never the run
                log.warning("run %s: partial output not written", self._run_id, exc_info=True)

    async def _write(self, text: str) -> bool:
        async with self._db.transaction() as session:
            written = await session.scalar(
                update(models.Run)
                .where(models.leased_by(self._run_id, self._owner))
                .values(output=partial_output(text))
                .returning(models.Run.id)
            )
        return written is not None
