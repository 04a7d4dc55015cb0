"""A throwaway PostgreSQL database for one test session.

TEST_DATABASE_URL names a server to use (CI: the machine's PostgreSQL); without it an embedded
PostgreSQL (pgserver) starts in a temporary folder. Either way the tests get a fresh database
with every subgraph's migrations applied, dropped afterwards.
"""

from __future__ import annotations

import asyncio
import os
import uuid
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import asyncpg
from sqlalchemy.engine import make_url

from cmp.embedded_postgres import embedded_postgres
from cmp.migrations import migrate_all


def _asyncpg_dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def _admin(url: str, statement: str) -> None:
    connection = await asyncpg.connect(_asyncpg_dsn(url))
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


def _run(coro: object) -> None:
    # Session fixtures may run while pytest-asyncio's loop exists: use a private loop.
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(coro)  # type: ignore[arg-type]
    finally:
        loop.close()


@contextmanager
def server_url(scratch: Path) -> Iterator[str]:
    explicit = os.environ.get("TEST_DATABASE_URL")
    if explicit:
        yield explicit
        return
    # The dev stack's embedded PostgreSQL 16 (pgserver is imported there, and only there).
    with embedded_postgres(scratch) as url:
        yield url


@contextmanager
def fresh_database(server: str) -> Iterator[str]:
    name = f"cmp_test_{uuid.uuid4().hex[:12]}"
    _run(_admin(server, f'CREATE DATABASE "{name}"'))
    url = make_url(server).set(database=name).render_as_string(hide_password=False)
    try:
        migrate_all(url)
        yield url
    finally:
        try:
            _run(_admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError) as error:
            # Every test has finished by now: a database left behind is untidy, not a failure.
            warnings.warn(f"could not drop test database {name}: {error!r}", stacklevel=1)
