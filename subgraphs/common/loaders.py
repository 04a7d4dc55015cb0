"""Batch functions for DataLoaders over one table (every batch of keys costs one SQL
statement, whatever the number of keys), and loading one row by id or NOT_FOUND."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute
from strawberry.dataloader import DataLoader

from kernel.database import Database
from subgraphs.common.errors import not_found
from subgraphs.common.ids import try_parse_id

Row = TypeVar("Row")
BatchLoad = Callable[[list[Any]], Awaitable[list[Any]]]


def one_per_key(
    db: Database, column: InstrumentedAttribute[Any], extra: Sequence[Any] = ()
) -> BatchLoad:
    """The row whose `column` is each key (None where there is none); `extra` filters more."""

    async def load(keys: list[Any]) -> list[Any]:
        async with db.session() as session:
            statement = select(column.class_).where(column.in_(keys), *extra)
            rows = (await session.execute(statement)).scalars().all()
        by_key = {getattr(row, column.key): row for row in rows}
        return [by_key.get(key) for key in keys]

    return load


def many_per_key(
    db: Database,
    column: InstrumentedAttribute[Any],
    order_by: Sequence[Any],
    extra: Sequence[Any] = (),
) -> BatchLoad:
    """The rows whose `column` is each key, in `order_by` order (empty where there are none)."""

    async def load(keys: list[Any]) -> list[Any]:
        async with db.session() as session:
            statement = select(column.class_).where(column.in_(keys), *extra).order_by(*order_by)
            rows = (await session.execute(statement)).scalars().all()
        grouped: dict[Any, list[Any]] = defaultdict(list)
        for row in rows:
            grouped[getattr(row, column.key)].append(row)
        return [grouped.get(key, []) for key in keys]

    return load


async def load_by_id(loader: DataLoader[uuid.UUID, Row | None], raw_id: object, what: str) -> Row:
    """The row `loader` finds for this id, or NOT_FOUND (a malformed id names nothing, too)."""
    row_id = try_parse_id(raw_id)
    row = await loader.load(row_id) if row_id is not None else None
    if row is None:
        raise not_found(what)
    return row
