"""Relay connections: opaque cursors over (created_at, id) keyset pagination, and the
`PageInfo` type that Saleor also defines (a shareable value type)."""

from __future__ import annotations

import base64
import binascii
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

import strawberry
from sqlalchemy import Select, and_, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from subgraphs.common.errors import invalid

MAX_PAGE_SIZE = 100
Row = TypeVar("Row")


@strawberry.federation.type(shareable=True, description="Relay page information.")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


def encode_cursor(created_at: datetime, row_id: uuid.UUID) -> str:
    return base64.urlsafe_b64encode(f"{created_at.isoformat()}|{row_id}".encode()).decode()


def decode_cursor(cursor: str) -> tuple[datetime, uuid.UUID]:
    try:
        created_at, _, row_id = base64.urlsafe_b64decode(cursor.encode()).decode().partition("|")
        return datetime.fromisoformat(created_at), uuid.UUID(row_id)
    except (ValueError, binascii.Error, UnicodeDecodeError) as error:
        raise invalid("malformed cursor", field="after") from error


def check_page_size(first: int | None) -> int:
    if first is None:
        return 20
    if first < 0 or first > MAX_PAGE_SIZE:
        raise invalid(f"first must be between 0 and {MAX_PAGE_SIZE}", field="first")
    return first


@dataclass
class Page(Generic[Row]):
    rows: list[Row]
    cursors: list[str]
    has_next_page: bool
    has_previous_page: bool
    total: int = 0  # rows matching the filter, over all pages (when asked for)

    def page_info(self) -> PageInfo:
        return PageInfo(
            has_next_page=self.has_next_page,
            has_previous_page=self.has_previous_page,
            start_cursor=self.cursors[0] if self.cursors else None,
            end_cursor=self.cursors[-1] if self.cursors else None,
        )

    def edges(self) -> Iterator[tuple[str, Row]]:
        return zip(self.cursors, self.rows, strict=True)


async def fetch_page(
    session: AsyncSession,
    model: type[Any],
    conditions: Sequence[Any],
    first: int | None,
    after: str | None,
    count_total: bool = False,
) -> Page[Any]:
    """Rows of `model` (which has `created_at` and `id`) matching `conditions`, newest first,
    after the cursor; one extra row tells whether a next page exists."""
    size = check_page_size(first)
    created_at, row_id = model.created_at, model.id
    statement = select(model).where(*conditions)
    if after:
        after_created_at, after_id = decode_cursor(after)
        statement = statement.where(
            or_(
                created_at < after_created_at,
                and_(created_at == after_created_at, row_id < after_id),
            )
        )
    statement = statement.order_by(created_at.desc(), row_id.desc()).limit(size + 1)
    total = 0
    if count_total:
        rows, total = await _rows_and_total(session, model, conditions, statement)
    else:
        rows = list((await session.execute(statement)).scalars().all())
    has_next = len(rows) > size
    rows = rows[:size]
    return Page(
        rows=rows,
        cursors=[encode_cursor(row.created_at, row.id) for row in rows],
        has_next_page=has_next,
        has_previous_page=after is not None,
        total=total,
    )


async def _rows_and_total(
    session: AsyncSession, model: type[Any], conditions: Sequence[Any], page: Select[Any]
) -> tuple[list[Any], int]:
    """The page and the count over all pages in ONE statement, so both see one snapshot: as two
    statements (READ COMMITTED), a row committed in between made `totalCount` disagree with
    the edges (e.g. a count of 1 beside no edges). The one-row count is left-joined to the
    page, so an empty page still brings its count."""
    counted = select(func.count().label("total")).select_from(model).where(*conditions)
    total_rows = counted.subquery("total")
    page_rows = page.subquery("page")
    entity = aliased(model, page_rows)
    combined = (
        select(total_rows.c.total, entity)
        .select_from(total_rows)
        .outerjoin(page_rows, true())
        .order_by(entity.created_at.desc(), entity.id.desc())
    )
    result = (await session.execute(combined)).all()
    total = int(result[0].total) if result else 0
    return [row[1] for row in result if row[1] is not None], total
