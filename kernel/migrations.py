"""Alembic, one migration history per subgraph, each in its own PostgreSQL schema.

Each subgraph's `migrations/env.py` calls `run_env`; `upgrade` runs a subgraph's history to
head programmatically (what `cmp migrate` and the dev stack do).
"""

from __future__ import annotations

import asyncio
import zlib
from pathlib import Path

from alembic import command, context
from alembic.config import Config
from sqlalchemy import MetaData, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from kernel.database import async_database_url


def alembic_config(migrations_dir: Path, database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    # ConfigParser interpolates '%': a socket path in the URL arrives percent-encoded.
    config.set_main_option("sqlalchemy.url", async_database_url(database_url).replace("%", "%%"))
    return config


def upgrade(migrations_dir: Path, database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(migrations_dir, database_url), revision)


def _lock_id(schema: str) -> int:
    # Advisory lock per schema: several processes starting at once migrate one after another.
    return zlib.crc32(f"cmp-migrate:{schema}".encode())


def run_env(schema: str, metadata: MetaData) -> None:
    """Body of a subgraph's migrations/env.py (online mode only; we never emit SQL files)."""
    url = context.config.get_main_option("sqlalchemy.url")
    assert url is not None

    def migrate(connection: Connection) -> None:
        connection.execute(text("SELECT pg_advisory_lock(:id)"), {"id": _lock_id(schema)})
        try:
            connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
            connection.commit()
            context.configure(
                connection=connection,
                target_metadata=metadata,
                version_table_schema=schema,
                include_schemas=False,
            )
            with context.begin_transaction():
                context.run_migrations()
            connection.commit()
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": _lock_id(schema)})
            connection.commit()

    async def main() -> None:
        engine = create_async_engine(url)
        try:
            async with engine.connect() as connection:
                await connection.run_sync(migrate)
        finally:
            await engine.dispose()

    asyncio.run(main())
