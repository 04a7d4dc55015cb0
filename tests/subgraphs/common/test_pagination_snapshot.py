"""A counted page (`totalCount` beside the edges) is read from one snapshot. Read as two
statements under READ COMMITTED, a row committed between them made the two disagree: a
storefront saw `totalCount: 1` with no edges and failed on `edges[0]`. Here another
connection commits a matching row right after the page's first statement, every time."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

import asyncpg
from sqlalchemy import event

from kernel.database import Database
from subgraphs.common.pagination import fetch_page
from subgraphs.control_plane import models
from tests.conftest import Stack


def _insert_offering(database_url: str, slug: str) -> None:
    async def insert() -> None:
        connection = await asyncpg.connect(database_url.replace("+asyncpg", ""))
        try:
            await connection.execute(
                "INSERT INTO control_plane.offerings (id, slug, name, flow_id, credits_per_run)"
                " VALUES ($1, $2, $2, 'flow', 1)",
                uuid.uuid4(),
                slug,
            )
        finally:
            await connection.close()

    asyncio.run(insert())  # its own loop, in the hook's thread: committed before we go on


@contextmanager
def commit_after_first_statement(db: Database, database_url: str, slug: str) -> Iterator[None]:
    """After the first statement on offerings, another connection commits offering `slug`."""
    done = False

    def after(_connection: Any, _cursor: Any, statement: str, *_: Any) -> None:
        nonlocal done
        if not done and "offerings" in statement:
            done = True
            with ThreadPoolExecutor(1) as pool:
                pool.submit(_insert_offering, database_url, slug).result()

    event.listen(db.engine.sync_engine, "after_cursor_execute", after)
    try:
        yield
    finally:
        event.remove(db.engine.sync_engine, "after_cursor_execute", after)


async def test_the_count_and_the_edges_come_from_one_snapshot(
    stack: Stack, database_url: str
) -> None:
    prefix = f"snap-{uuid.uuid4().hex[:8]}-"
    mine = [models.Offering.slug.like(f"{prefix}%")]
    db = stack.control_plane_db

    # An empty page, then a row appears: the count must say 0 like the edges.
    with commit_after_first_statement(db, database_url, f"{prefix}a"):
        async with db.session() as session:
            page = await fetch_page(session, models.Offering, mine, 10, None, count_total=True)
    assert (page.total, len(page.rows)) == (0, 0)

    # One row, then a second appears: one edge, a count of one.
    with commit_after_first_statement(db, database_url, f"{prefix}b"):
        async with db.session() as session:
            page = await fetch_page(session, models.Offering, mine, 10, None, count_total=True)
    assert (page.total, [row.slug for row in page.rows]) == (1, [f"{prefix}a"])

    # Afterwards both rows are there, newest first, and pages still page.
    async with db.session() as session:
        first = await fetch_page(session, models.Offering, mine, 1, None, count_total=True)
        assert (first.total, [row.slug for row in first.rows]) == (2, [f"{prefix}b"])
        assert first.has_next_page
        rest = await fetch_page(
            session, models.Offering, mine, 1, first.cursors[-1], count_total=True
        )
    assert (rest.total, [row.slug for row in rest.rows], rest.has_next_page) == (
        2,
        [f"{prefix}a"],
        False,
    )
