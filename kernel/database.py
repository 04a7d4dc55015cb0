"""One async SQLAlchemy engine (and so one asyncpg pool) per process, per database URL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)


def async_database_url(url: str) -> str:
    """`postgresql://…` (what people and libpq write) → the asyncpg dialect SQLAlchemy needs."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres", "postgresql+psycopg2"):
        parsed = parsed.set(drivername="postgresql+asyncpg")
    return parsed.render_as_string(hide_password=False)


class Database:
    """An engine and its session factory. Sessions don't expire objects on commit, so
    resolvers can keep reading rows they just wrote."""

    def __init__(self, url: str, pool_size: int = 10) -> None:
        self.engine: AsyncEngine = create_async_engine(
            async_database_url(url),
            pool_size=pool_size,
            max_overflow=pool_size,
            # No pre-ping: it costs a round trip per checkout; recycling covers stale sockets.
            pool_recycle=1800,
        )
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        async with self.sessions() as session:
            yield session

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        async with self.sessions() as session, session.begin():
            yield session

    async def dispose(self) -> None:
        await self.engine.dispose()
