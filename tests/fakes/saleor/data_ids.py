"""Saleor's global ids: base64 of "Type:pk"."""

from __future__ import annotations

import base64
import uuid


def global_id(type_name: str, pk: int | str) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


def parse_global_id(value: str) -> tuple[str, str]:
    """(type, pk); raises ValueError for ids Saleor would reject."""
    try:
        type_name, pk = base64.b64decode(value, validate=True).decode().split(":", 1)
    except (ValueError, UnicodeDecodeError) as e:
        raise ValueError(f"Invalid ID: {value}. Expected: Node.") from e
    return type_name, pk


def _int_or_uuid(pk: str) -> bool:
    if pk.isdigit():
        return True
    try:
        uuid.UUID(pk)
    except ValueError:
        return False
    return True


def pk_of(value: str, expected: str) -> str:
    """The pk of a global id of type `expected`, or ValueError with Saleor's message
    (saleor.graphql.core.utils.from_global_id_or_error)."""
    try:
        type_name, pk = parse_global_id(value)
    except ValueError as error:
        raise ValueError(f"Invalid ID: {value}. Expected: {expected}.") from error
    if not _int_or_uuid(pk):
        raise ValueError(f"Invalid ID: {value}. Expected: {expected}.")
    if type_name != expected:
        raise ValueError(f"Invalid ID: {value}. Expected: {expected}, received: {type_name}.")
    return pk
