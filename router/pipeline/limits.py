"""Guards on the shape of an operation, checked after parsing and before validation (cheap,
and they keep a hostile document from reaching the costlier stages): depth, aliases, root
fields and fields, counted with fragments expanded (kernel.operation_shape, shared
with the subgraphs' guard)."""

from __future__ import annotations

from dataclasses import dataclass

from graphql import DocumentNode, GraphQLError

from kernel.limits import MAX_TOKENS, ROUTER_MAX_DOCUMENT_BYTES, ROUTER_SHAPE
from kernel.operation_shape import ShapeLimits, measure
from kernel.operation_shape import limit_errors as shape_limit_errors


@dataclass(frozen=True)
class OperationLimits:
    max_document_bytes: int = ROUTER_MAX_DOCUMENT_BYTES
    max_tokens: int = MAX_TOKENS
    max_depth: int = ROUTER_SHAPE.max_depth
    max_aliases: int = ROUTER_SHAPE.max_aliases
    max_root_fields: int = ROUTER_SHAPE.max_root_fields
    # Every field selection, fragments expanded: validation is quadratic in repeated fields.
    max_fields: int = ROUTER_SHAPE.max_fields

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
