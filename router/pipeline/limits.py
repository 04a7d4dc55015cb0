"""Guards on the shape of an operation, checked after parsing and before validation (cheap,
and they keep a hostile document from reaching the costlier stages): depth, aliases and root
fields, counted with fragments expanded (subgraphs.common.operation_shape, shared with the
subgraphs' depth limit)."""

from __future__ import annotations

from dataclasses import dataclass

from graphql import DocumentNode, GraphQLError

from subgraphs.common.operation_shape import measure


@dataclass(frozen=True)
class OperationLimits:
    max_document_bytes: int = 32_768
    max_tokens: int = 15_000  # graphql-core stops parsing beyond this many tokens
    max_depth: int = 20
    max_aliases: int = 30
    max_root_fields: int = 20


def limit_errors(document: DocumentNode, limits: OperationLimits) -> list[GraphQLError]:
    shape = measure(document)
    checks = (
        (shape.depth, limits.max_depth, "MAX_DEPTH_LIMIT", "depth"),
        (shape.aliases, limits.max_aliases, "MAX_ALIASES_LIMIT", "aliases"),
        (shape.root_fields, limits.max_root_fields, "MAX_ROOT_FIELDS_LIMIT", "root fields"),
    )
    return [
        GraphQLError(
            f"Maximum {what} limit exceeded in this operation: {value} > {limit}",
            extensions={"code": code},
        )
        for value, limit, code, what in checks
        if value > limit
    ]


def document_too_large(query: str, limits: OperationLimits) -> GraphQLError | None:
    size = len(query.encode())
    if size <= limits.max_document_bytes:
        return None
    return GraphQLError(
        f"The document is {size} bytes; at most {limits.max_document_bytes} are accepted",
        extensions={"code": "MAX_DOCUMENT_SIZE_LIMIT"},
    )
