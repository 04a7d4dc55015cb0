"""Who calls the fake, and Saleor's two kinds of error: a top-level GraphQL error with
`extensions.exception.code` (permissions, bad ids), and a mutation's `errors` list."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from graphql import GraphQLError, GraphQLResolveInfo

from tests.fakes.saleor.apps import ALL_PERMISSIONS, App
from tests.fakes.saleor.data import User
from tests.fakes.saleor.data_ids import pk_of

Obj = dict[str, Any]
Info = GraphQLResolveInfo[dict[str, Any]]  # graphql-core's resolver info; context is a dict


def saleor_error(message: str, code: str) -> GraphQLError:
    """An error as Saleor formats it: `extensions.exception.code` is the exception's name."""
    return GraphQLError(message, extensions={"exception": {"code": code}})


def permission_denied(*permissions: str) -> GraphQLError:
    """saleor.core.exceptions.PermissionDenied, as 3.22 words it."""
    if not permissions:
        return saleor_error("You do not have permission to perform this action", "PermissionDenied")
    return saleor_error(
        "To access this path, you need one of the following permissions: " + ", ".join(permissions),
        "PermissionDenied",
    )


@dataclass(frozen=True)
class Caller:
    """Who a request comes from, as Saleor works it out from `Authorization`."""

    issuer: str  # this Saleor's API URL, the `iss` of the tokens it issues
    app: App | None = None
    user: User | None = None
    token_error: GraphQLError | None = None  # a bearer JWT that failed verification

    def requestor(self) -> User | None:
        """The signed-in user; like Saleor, a bad token fails the field that looks."""
        if self.token_error is not None:
            raise self.token_error
        return self.user

    @property
    def permissions(self) -> frozenset[str]:
        if self.app is not None:
            return frozenset(self.app.permissions)
        user = self.requestor()
        if user is None or not user.is_staff or not user.is_active:
            return frozenset()
        return frozenset(ALL_PERMISSIONS) if user.permissions is None else user.permissions

    def require(self, *any_of: str) -> None:
        """Saleor's `permissions = (...)` on a field or mutation: one of them suffices."""
        if not self.permissions & set(any_of):
            raise permission_denied(*any_of)

    def has(self, permission: str) -> bool:
        return self.token_error is None and permission in self.permissions


def caller_of(info: Info) -> Caller:
    caller: Caller = info.context["caller"]
    return caller


@dataclass
class MutationError(Exception):
    """One entry of a mutation's `errors` (Saleor's ValidationError for a field)."""

    field: str | None
    message: str
    code: str
    extra: dict[str, Any] = dataclass_field(default_factory=dict)  # variants, permissions, …

    def as_dict(self, keys: tuple[str, ...]) -> Obj:
        error: Obj = {"field": self.field, "message": self.message, "code": self.code}
        for key in keys:
            error.setdefault(key, self.extra.get(key))
        return error


def mutation(
    result_field: str, extra_keys: tuple[str, ...] = ()
) -> Callable[[Callable[..., Awaitable[Obj]]], Callable[..., Awaitable[Obj]]]:
    """For a resolver method: a MutationError it raises becomes Saleor's payload,
    `{errors: [...], <result_field>: null}`; `extra_keys` are the error type's other fields."""

    def wrap(resolve: Callable[..., Awaitable[Obj]]) -> Callable[..., Awaitable[Obj]]:
        async def resolver(self: Any, root: Any, info: Info, **args: Any) -> Obj:
            try:
                return await resolve(self, root, info, **args)
            except MutationError as error:
                return {"errors": [error.as_dict(extra_keys)], result_field: None}

        return resolver

    return wrap


def node_pk(value: Any, expected: str, field_name: str) -> str:
    """The pk a mutation's id input names; a bad one is the mutation's GRAPHQL_ERROR, as in
    Saleor's `get_node_or_error`."""
    try:
        return pk_of(str(value), expected)
    except ValueError as error:
        raise MutationError(field_name, str(error), "GRAPHQL_ERROR") from error


def not_found(field_name: str, node_id: str) -> MutationError:
    return MutationError(field_name, f"Couldn't resolve to a node: {node_id}", "NOT_FOUND")
