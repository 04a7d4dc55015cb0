"""Guards on the shape of an operation, checked after parsing and before validation (cheap,
and they keep a hostile document from reaching the costlier stages): depth, aliases, root
fields and fields, counted with fragments expanded (kernel.operation_shape, shared
with the subgraphs' guard)."""

from __future__ import annotations

from dataclasses import dataclass

from graphql import DocumentNode, GraphQLError

from kernel.operation_shape import ShapeLimits, measure
from kernel.operation_shape import limit_errors as shape_limit_errors


@dataclass(frozen=True)
class OperationLimits:
    max_document_bytes: int = 32_768
    max_tokens: int = 15_000  # graphql-core stops parsing beyond this many tokens
    max_depth: int = 20
    max_aliases: int = 30
    max_root_fields: int = 20
    # Every field selection, fragments expanded: validation is quadratic in repeated fields.
    max_fields: int = 500

    @property
    def shape(self) -> ShapeLimits:
        return ShapeLimits(self.max_depth, self.max_aliases, self.max_root_fields, self.max_fields)


def limit_errors(document: DocumentNode, limits: OperationLimits) -> list[GraphQLError]:
    return shape_limit_errors(measure(document), limits.shape)


def document_too_large(query: str, limits: OperationLimits) -> GraphQLError | None:
    size = len(query.encode())
    if size <= limits.max_document_bytes:
        return None
    return GraphQLError(
        f"The document is {size} bytes; at most {limits.max_document_bytes} are accepted",
        extensions={"code": "MAX_DOCUMENT_SIZE_LIMIT"},
    )
