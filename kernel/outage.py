"""Telling a database outage from a bug, and living through one quietly.

`is_database_outage` recognises the ways an unreachable or restarting PostgreSQL shows up
(refused or reset connections, a connection SQLAlchemy invalidated, PostgreSQL shutting down or
not accepting connections yet). `OutageMonitor` is what a background loop (the run worker, the
webhook processor) reports its database calls to: the first failure of an outage logs ONE line
and each failure returns a growing delay to wait; the first success after it logs one more line
with how long it lasted. Everything in between stays out of the log. `poll_forever` is such a
loop: the run worker's slots and the webhook processor both are one.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable

import asyncpg
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import InterfaceError as SQLAlchemyInterfaceError

_OUTAGE_ERRORS = (
    OSError,  # refused, reset, unreachable, timed out (TimeoutError is an OSError)
    asyncpg.PostgresConnectionError,
    asyncpg.CannotConnectNowError,
    asyncpg.AdminShutdownError,
    asyncpg.CrashShutdownError,
    asyncpg.TooManyConnectionsError,
    SQLAlchemyInterfaceError,
)


def is_database_outage(error: BaseException) -> bool:
    """Looks at the error and, for SQLAlchemy's wrapper, at the driver's error inside it —
    never further along `__context__`: an exception raised while another was handled (say a
    service call that failed to connect) says nothing about the database."""
    if isinstance(error, DBAPIError):
        if error.connection_invalidated:
            return True
        inner = error.orig
        candidates = (error, inner, inner.__cause__ if inner is not None else None)
        return any(isinstance(c, _OUTAGE_ERRORS) for c in candidates if c is not None)
    return isinstance(error, _OUTAGE_ERRORS)


class OutageMonitor:
    """Shared by every task of one loop, so an outage is one line however many tasks notice.
    The wait grows with the outage's age (half of it, between `first_delay` and `max_delay`),
    not with the number of failures, so tasks sharing a monitor do not push each other's
    retries out."""

    def __init__(
        self,
        what: str,
        log: logging.Logger,
        first_delay: float = 0.5,
        max_delay: float = 30.0,
    ) -> None:
        self.what = what
        self.log = log
        self.first_delay = first_delay
        self.max_delay = max_delay
        self.since: float | None = None

    @staticmethod
    def clock() -> float:
        return time.monotonic()

    def failed(self, error: BaseException) -> float:
        """Record a failed attempt; returns how long to wait before the next one."""
        now = self.clock()
        if self.since is None:
            self.since = now
            self.log.warning(
                "%s: database unavailable (%s: %s); backing off until it answers again",
                self.what,
                type(error).__name__,
                _first_line(error),
            )
        return min(max(self.first_delay, (now - self.since) / 2), self.max_delay)

    def succeeded(self, attempt_started: float) -> None:
        """An attempt begun at `attempt_started` (clock()) worked. One begun before the outage
        was noticed proves nothing: it may have finished just before the database went."""
        if self.since is None or attempt_started < self.since:
            return
        lasted = self.clock() - self.since
        self.since = None
        self.log.warning("%s: database available again after %.1fs", self.what, lasted)


async def poll_forever(
    work: Callable[[], Awaitable[bool]],
    stop: asyncio.Event,
    wakeup: asyncio.Event,
    poll_seconds: float,
    outage: OutageMonitor,
    failure: str,
) -> None:
    """Calls `work` until `stop` is set: again at once while it finds something to do (returns
    True), otherwise once `wakeup` is set or `poll_seconds` have passed. A database outage waits
    as long as `outage` says (or until `stop`); any other error is logged as `failure`, with
    its traceback, and the loop goes on: nothing a call fails on may end it."""
    while not stop.is_set():
        attempt = outage.clock()
        try:
            worked = await work()
        except Exception as error:
            if is_database_outage(error):
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), outage.failed(error))
                continue
            outage.log.exception("%s", failure)
            worked = False
        else:
            outage.succeeded(attempt)
        if not worked:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wakeup.wait(), poll_seconds)
            wakeup.clear()


def _first_line(error: BaseException, limit: int = 200) -> str:
    """SQLAlchemy's messages carry the whole statement: the first line says what happened."""
    text = str(error).strip().splitlines()
    return text[0][:limit] if text else ""
