"""Changes to runs, heard from PostgreSQL: one LISTEN connection per process (opened on the first
subscriber), fanned out to the subscribers of each run. A database trigger NOTIFYs every change
of a run at commit, whoever made it, so API processes and workers on any host need nothing else
in common. Notifications only wake subscribers, who then read the run: several changes in quick
succession may arrive as one read, and a lost connection (every subscriber is woken when it is
back) costs a read, never a final state."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from kernel.listen import Listener

RUN_UPDATED_CHANNEL = "cmp_execution_run_updated"


class RunEvents:
    def __init__(self, database_url: str, reconnect_seconds: float = 1.0) -> None:
        self._subscribers: dict[str, set[asyncio.Event]] = {}
        # After every (re)connection everyone is woken: anything may have changed meanwhile.
        self._listener = Listener(
            database_url,
            RUN_UPDATED_CHANNEL,
            on_notify=self._notify,
            on_connected=self._wake_everyone,
            name="run events",
            reconnect_seconds=reconnect_seconds,
        )

    @contextlib.asynccontextmanager
    async def watch(self, run_id: str) -> AsyncIterator[asyncio.Event]:
        """An event set whenever run `run_id` may have changed. Subscribe before reading the
        run, so no change between the read and the wait goes unnoticed."""
        self._listener.start()
        changed = asyncio.Event()
        self._subscribers.setdefault(run_id, set()).add(changed)
        try:
            yield changed
        finally:
            watchers = self._subscribers.get(run_id)
            if watchers is not None:
                watchers.discard(changed)
                if not watchers:
                    del self._subscribers[run_id]

    async def listening(self, within_seconds: float) -> bool:
        """True once the LISTEN connection is up (tests and readiness wait for it)."""
        return await self._listener.listening(within_seconds)

    def _notify(self, run_id: str) -> None:
        for changed in self._subscribers.get(run_id, ()):
            changed.set()

    def _wake_everyone(self) -> None:
        for watchers in self._subscribers.values():
            for changed in watchers:
                changed.set()

    async def aclose(self) -> None:
        await self._listener.aclose()
