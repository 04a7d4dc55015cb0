"""What a subgraph's clients see of a failure. Expected failures (`CmpFailure`, GraphQL errors)
pass as they are. A database outage becomes UNAVAILABLE ("try again later"), so callers can
tell it from a bug; anything else becomes "Unexpected error." (INTERNAL_SERVER_ERROR). Neither
carries the exception's text: that goes to the log, with the request id (SubgraphSchema)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import ExecutionResult as GraphQLExecutionResult
from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types.execution import ExecutionContext
from strawberry.types.execution import ExecutionResult as StrawberryExecutionResult

from kernel.outage import is_database_outage
from subgraphs.common.errors import CmpErrorCode

REQUEST_ID_HEADER = "x-request-id"
UNAVAILABLE_MESSAGE = "the database is unavailable; try again later"
UNEXPECTED_MESSAGE = "Unexpected error."
INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"


def is_unexpected(error: GraphQLError) -> bool:
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError)


def request_id_of(execution_context: ExecutionContext | None) -> str | None:
    """The router's X-Request-Id, so a log line can be matched with the client's request."""
    request = getattr(getattr(execution_context, "context", None), "request", None)
    headers = getattr(request, "headers", None)
    value = headers.get(REQUEST_ID_HEADER) if headers is not None else None
    return value if isinstance(value, str) else None


def public_error(error: GraphQLError) -> GraphQLError:
    if not is_unexpected(error):
        return error
    assert error.original_error is not None
    outage = is_database_outage(error.original_error)
    return GraphQLError(
        UNAVAILABLE_MESSAGE if outage else UNEXPECTED_MESSAGE,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions={"code": CmpErrorCode.UNAVAILABLE.value if outage else INTERNAL_SERVER_ERROR},
    )


class PublicErrors(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        result: Any = self.execution_context.result
        if isinstance(result, GraphQLExecutionResult | StrawberryExecutionResult) and result.errors:
            result.errors = [public_error(error) for error in result.errors]
