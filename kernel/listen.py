"""A PostgreSQL LISTEN that outlives its connection: one connection of its own, opened on
`start()`, reopened after it is lost (a restart, a failover, a cut network) for as long as the
listener runs. Notifications only ever wake someone who then reads the database, so what is
said while the connection is down is covered by `on_connected`, called after every
(re)connection: "anything may have changed meanwhile"."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

import asyncpg
from sqlalchemy.engine import make_url

from kernel.database import async_database_url

log = logging.getLogger(__name__)


class Listener:
    def __init__(
        self,
        database_url: str,
        channel: str,
        on_notify: Callable[[str], None],
        on_connected: Callable[[], None] = lambda: None,
        *,
        name: str = "listener",
        reconnect_seconds: float = 1.0,
        check_seconds: float = 30.0,
    ) -> None:
        url = make_url(async_database_url(database_url)).set(drivername="postgresql")
        self._dsn = url.render_as_string(hide_password=False)
        self.channel = channel
        self.on_notify = on_notify
        self.on_connected = on_connected
        self.name = name
        self.reconnect_seconds = reconnect_seconds
        # A connection can die without a word (a half-open TCP link): asked every this often.
        self.check_seconds = check_seconds
        self._connected = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Listen in the background (again, if a previous run ended); idempotent."""
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._listen_forever())

    async def listening(self, within_seconds: float) -> bool:
        """True once the connection is up (tests and readiness wait for it)."""
        self.start()
        try:
            await asyncio.wait_for(self._connected.wait(), within_seconds)
        except TimeoutError:
            return False
        return True

    async def aclose(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(BaseException):
                await self._task

    async def _until_lost(self, connection: asyncpg.Connection, lost: asyncio.Event) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(lost.wait(), self.check_seconds)
                return
            try:
                await asyncio.wait_for(connection.fetchval("SELECT 1"), self.check_seconds)
            except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError):
                return

    async def _listen_forever(self) -> None:
        down = False  # said once per outage, not once per retry
        while True:
            lost = asyncio.Event()
            try:
                connection = await asyncpg.connect(self._dsn)
            except (OSError, asyncpg.PostgresError) as error:
                if not down:
                    log.warning("%s: cannot LISTEN (%s); retrying", self.name, error)
                    down = True
                await asyncio.sleep(self.reconnect_seconds)
                continue
            try:
                connection.add_termination_listener(lambda _connection, lost=lost: lost.set())
                await connection.add_listener(
                    self.channel, lambda *args: self.on_notify(str(args[3]))
                )
                if down:
                    log.warning("%s: listening again", self.name)
                    down = False
                self._connected.set()
                self.on_connected()
                await self._until_lost(connection, lost)
                log.warning("%s: LISTEN connection lost; reconnecting", self.name)
                down = True
            except (OSError, asyncpg.PostgresError) as error:
                if not down:
                    log.warning("%s: LISTEN failed (%s); retrying", self.name, error)
                    down = True
                await asyncio.sleep(self.reconnect_seconds)
            finally:
                self._connected.clear()
                with contextlib.suppress(Exception):
                    await connection.close()
