"""CmpError: the contract's error shape, as payload entries and as GraphQL errors.

Plain Python here, so the router, the webhooks and the service client can raise and read it;
`subgraphs.common.errors` declares the same classes to Strawberry as GraphQL types.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from graphql import GraphQLError


class CmpErrorCode(Enum):
    INVALID = "INVALID"
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    INSUFFICIENT_CREDITS = "INSUFFICIENT_CREDITS"
    CONFLICT = "CONFLICT"
    INSTANCE_NOT_ACTIVE = "INSTANCE_NOT_ACTIVE"
    UNAVAILABLE = "UNAVAILABLE"


@dataclass
class CmpError:
    field: str | None
    message: str
    code: CmpErrorCode


class CmpFailure(GraphQLError):
    """An expected failure: a `CmpError` in a mutation payload, or, raised from a query field
    or an entity reference, a GraphQL error whose `extensions.code` is the CmpErrorCode."""

    def __init__(self, code: CmpErrorCode, message: str, field: str | None = None) -> None:
        extensions: dict[str, object] = {"code": code.value}
        if field:
            extensions["field"] = field
        super().__init__(message, extensions=extensions)
        self.code = code
        self.field = field

    def as_error(self) -> CmpError:
        return CmpError(field=self.field, message=self.message, code=self.code)

    @classmethod
    def from_error(cls, error: dict[str, object]) -> CmpFailure:
        """A CmpError as another service returned it in a payload."""
        try:
            code = CmpErrorCode(str(error.get("code")))
        except ValueError:
            code = CmpErrorCode.UNAVAILABLE
        field = error.get("field")
        return cls(code, str(error.get("message", "")), field if isinstance(field, str) else None)


def invalid(message: str, field: str | None = None) -> CmpFailure:
    return CmpFailure(CmpErrorCode.INVALID, message, field)


def not_found(what: str, field: str | None = None) -> CmpFailure:
    return CmpFailure(CmpErrorCode.NOT_FOUND, f"{what} not found", field)


def forbidden(message: str = "not allowed", field: str | None = None) -> CmpFailure:
    return CmpFailure(CmpErrorCode.FORBIDDEN, message, field)


def conflict(message: str, field: str | None = None) -> CmpFailure:
    return CmpFailure(CmpErrorCode.CONFLICT, message, field)


def unauthenticated(message: str = "sign in first") -> CmpFailure:
    return CmpFailure(CmpErrorCode.UNAUTHENTICATED, message)
