"""Our ids are UUIDs; anything else a client sends is INVALID, never a database error."""

from __future__ import annotations

import uuid

from subgraphs.common.errors import invalid


def parse_id(value: object, field: str = "id") -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except (ValueError, TypeError, AttributeError) as error:
        raise invalid(f"{field} is not a valid id", field=field) from error


def try_parse_id(value: object) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (ValueError, TypeError, AttributeError):
        return None
