"""Parse, check the operation's shape, validate and normalize — cached by (query text, operation
name), so a repeated operation skips all of it. Every error carries an `extensions.code`."""

from __future__ import annotations

from dataclasses import dataclass

from graphql import DocumentNode, GraphQLError, GraphQLSchema, parse, validate

from router.pipeline.limits import OperationLimits, document_too_large, limit_errors
from router.pipeline.lru import LRU
from router.planner.normalize import NormalizedOperation, normalize_operation

PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
INTROSPECTION_DISABLED = "INTROSPECTION_DISABLED"


@dataclass(frozen=True)
class Prepared:
    document: DocumentNode | None
    operation: NormalizedOperation | None
    errors: tuple[GraphQLError, ...] = ()


def coded(error: GraphQLError, code: str) -> GraphQLError:
    """The same error with `extensions.code` set unless it has one."""
    if error.extensions and "code" in error.extensions:
        return error
    return GraphQLError(
        error.message,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=error.original_error,
        extensions={**(error.extensions or {}), "code": code},
    )


class OperationPreparer:
    def __init__(
        self,
        schema: GraphQLSchema,
        capacity: int = 1000,
        limits: OperationLimits | None = None,
        introspection: bool = True,
    ) -> None:
        self.schema = schema
        self.limits = limits or OperationLimits()
        self.introspection = introspection
        self.cache: LRU[tuple[str, str | None], Prepared] = LRU(capacity)

    def prepare(self, query: str, operation_name: str | None) -> Prepared:
        key = (query, operation_name)
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        too_large = document_too_large(query, self.limits)
        if too_large is not None:
            return Prepared(None, None, (too_large,))  # not cached: it would crowd the cache
        prepared = self._prepare(query, operation_name)
        self.cache.put(key, prepared)
        return prepared

    def _prepare(self, query: str, operation_name: str | None) -> Prepared:
        try:
            document = parse(query, max_tokens=self.limits.max_tokens)
        except GraphQLError as error:
            return Prepared(None, None, (coded(error, PARSE_FAILED),))
        over_limits = limit_errors(document, self.limits)
        if over_limits:
            return Prepared(document, None, tuple(over_limits))
        errors = validate(self.schema, document)
        if errors:
            return Prepared(document, None, tuple(coded(e, VALIDATION_FAILED) for e in errors))
        try:
            operation = normalize_operation(self.schema, document, operation_name)
        except GraphQLError as error:
            return Prepared(document, None, (coded(error, VALIDATION_FAILED),))
        if operation.introspection and not self.introspection:
            disabled = GraphQLError(
                "Introspection is disabled on this router",
                extensions={"code": INTROSPECTION_DISABLED},
            )
            return Prepared(document, None, (disabled,))
        return Prepared(document, operation)
