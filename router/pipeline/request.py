"""A GraphQL request as received, and the response sent back."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


class BadRequest(Exception):
    """Not a GraphQL request at all (HTTP 400)."""


@dataclass(frozen=True)
class GraphQLRequest:
    query: str
    operation_name: str | None = None
    variables: dict[str, Any] = field(default_factory=dict)
    extensions: Mapping[str, Any] = field(default_factory=dict)

    @property
    def persisted_query(self) -> Any:
        return self.extensions.get("persistedQuery")

    @classmethod
    def from_json(cls, body: Any) -> GraphQLRequest:
        if not isinstance(body, dict):
            raise BadRequest("the body must be a JSON object")
        extensions = body.get("extensions") or {}
        if not isinstance(extensions, dict):
            raise BadRequest("extensions must be an object")
        _check_persisted_query(extensions.get("persistedQuery"))
        query = body.get("query")
        # An APQ request may carry only the hash of a document sent earlier.
        if query is None and "persistedQuery" in extensions:
            query = ""
        elif not isinstance(query, str) or not query.strip():
            raise BadRequest("missing query" if query is None else "query must be a string")
        operation_name = body.get("operationName")
        variables = body.get("variables") or {}
        if operation_name is not None and not isinstance(operation_name, str):
            raise BadRequest("operationName must be a string")
        if not isinstance(variables, dict):
            raise BadRequest("variables must be an object")
        return cls(query, operation_name, variables, extensions)


def _check_persisted_query(persisted: Any) -> None:
    """A malformed APQ extension is the client's mistake (400), not a cache miss: answering
    PERSISTED_QUERY_NOT_FOUND would make a client retry forever with the same hash."""
    if persisted is None:
        return
    if not isinstance(persisted, dict):
        raise BadRequest("extensions.persistedQuery must be an object")
    sha = persisted.get("sha256Hash")
    if not isinstance(sha, str) or not sha:
        raise BadRequest("extensions.persistedQuery.sha256Hash must be a non-empty string")
