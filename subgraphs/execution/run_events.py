"""Changes to runs, heard from PostgreSQL: one LISTEN connection per process (opened on the first
subscriber), fanned out to the subscribers of each run. A database trigger NOTIFYs every change
of a run at commit, whoever made it, so API processes and workers on any host need nothing else
in common. Notifications only wake subscribers, who then read the run: several changes in quick
succession may arrive as one read, and a lost connection (every subscriber is woken when it is
back) costs a read, never a final state."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

import asyncpg
from sqlalchemy.engine import make_url

from kernel.database import async_database_url

log = logging.getLogger(__name__)

RUN_UPDATED_CHANNEL = "cmp_execution_run_updated"
RUN_EVENTS = "run_events"  # key in Resources.extras


class RunEvents:
    def __init__(self, database_url: str, reconnect_seconds: float = 1.0) -> None:
        url = make_url(async_database_url(database_url)).set(drivername="postgresql")
        self._dsn = url.render_as_string(hide_password=False)
        self.reconnect_seconds = reconnect_seconds
        self._subscribers: dict[str, set[asyncio.Event]] = {}
        self._connected = asyncio.Event()
        self._listener: asyncio.Task[None] | None = None

    @contextlib.asynccontextmanager
    async def watch(self, run_id: str) -> AsyncIterator[asyncio.Event]:
        """An event set whenever run `run_id` may have changed. Subscribe before reading the
        run, so no change between the read and the wait goes unnoticed."""
        self._start()
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
        self._start()
        try:
            await asyncio.wait_for(self._connected.wait(), within_seconds)
        except TimeoutError:
            return False
        return True

    def _start(self) -> None:
        if self._listener is None or self._listener.done():
            self._listener = asyncio.create_task(self._listen_forever())

    def _notify(self, run_id: str) -> None:
        for changed in self._subscribers.get(run_id, ()):
            changed.set()

    def _wake_everyone(self) -> None:
        for watchers in self._subscribers.values():
            for changed in watchers:
                changed.set()

    async def _listen_forever(self) -> None:
        down_since_logged = False
        while True:
            lost = asyncio.Event()
            try:
                connection = await asyncpg.connect(self._dsn)
            except (OSError, asyncpg.PostgresError) as error:
                if not down_since_logged:
                    log.warning("run events: cannot LISTEN (%s); retrying", error)
                    down_since_logged = True
                await asyncio.sleep(self.reconnect_seconds)
                continue
            try:
                connection.add_termination_listener(lambda _connection, lost=lost: lost.set())
                await connection.add_listener(
                    RUN_UPDATED_CHANNEL, lambda *args: self._notify(str(args[3]))
                )
                if down_since_logged:
                    log.warning("run events: listening again")
                    down_since_logged = False
                self._connected.set()
                self._wake_everyone()  # anything may have changed while we were not listening
                await lost.wait()
                log.warning("run events: LISTEN connection lost; reconnecting")
                down_since_logged = True
            finally:
                self._connected.clear()
                with contextlib.suppress(Exception):
                    await connection.close()

    async def aclose(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(BaseException):
                await self._listener
