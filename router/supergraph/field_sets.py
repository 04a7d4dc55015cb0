"""`join__FieldSet` strings (keys, requires, provides) as parsed selection sets."""

from __future__ import annotations

from functools import lru_cache

from graphql import OperationDefinitionNode, SelectionSetNode, parse

from router.supergraph.errors import SupergraphError


@lru_cache(maxsize=4096)
def parse_field_set(fields: str) -> SelectionSetNode:
    try:
        document = parse("{" + fields + "}", no_location=True)
    except Exception as error:  # GraphQLSyntaxError; the message says where
        raise SupergraphError(f"invalid field set {fields!r}: {error}") from error
    operation = document.definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    return operation.selection_set
