"""Parse, validate and normalize an operation — cached by (query text, operation name), so a
repeated operation skips all three."""

from __future__ import annotations

from dataclasses import dataclass

from graphql import DocumentNode, GraphQLError, GraphQLSchema, parse, validate

from router.pipeline.lru import LRU
from router.planner.normalize import NormalizedOperation, normalize_operation


@dataclass(frozen=True)
class Prepared:
    document: DocumentNode | None
    operation: NormalizedOperation | None
    errors: tuple[GraphQLError, ...] = ()


class OperationPreparer:
    def __init__(self, schema: GraphQLSchema, capacity: int = 1000) -> None:
        self.schema = schema
        self.cache: LRU[tuple[str, str | None], Prepared] = LRU(capacity)

    def prepare(self, query: str, operation_name: str | None) -> Prepared:
        key = (query, operation_name)
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        prepared = self._prepare(query, operation_name)
        self.cache.put(key, prepared)
        return prepared

    def _prepare(self, query: str, operation_name: str | None) -> Prepared:
        try:
            document = parse(query)
        except GraphQLError as error:
            return Prepared(None, None, (error,))
        errors = validate(self.schema, document)
        if errors:
            return Prepared(document, None, tuple(errors))
        try:
            operation = normalize_operation(self.schema, document, operation_name)
        except GraphQLError as error:
            return Prepared(document, None, (error,))
        return Prepared(document, operation)
