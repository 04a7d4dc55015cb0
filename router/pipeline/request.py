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
    # GraphQL over HTTP's persisted documents: the document named by its id instead of its text
    # (`query` is then empty until the trusted documents stage fills it in).
    document_id: str | None = None

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
        document_id = _document_id(body, extensions)
        query = body.get("query")
        # An APQ request may carry only the hash of a document sent earlier; a persisted
        # document request only its id.
        if query is None and ("persistedQuery" in extensions or document_id is not None):
            query = ""
        elif not isinstance(query, str) or not query.strip():
            raise BadRequest("missing query" if query is None else "query must be a string")
        operation_name = body.get("operationName")
        variables = body.get("variables") or {}
        if operation_name is not None and not isinstance(operation_name, str):
            raise BadRequest("operationName must be a string")
        if not isinstance(variables, dict):
            raise BadRequest("variables must be an object")
        return cls(query, operation_name, variables, extensions, document_id)


def _document_id(body: dict[str, Any], extensions: dict[str, Any]) -> str | None:
    """`documentId`, alone: with a query or an APQ hash beside it, which one runs would be
    ambiguous (Apollo Router refuses the same, CANNOT_SEND_PQ_ID_AND_BODY)."""
    document_id = body.get("documentId")
    if document_id is None:
        return None
    if not isinstance(document_id, str) or not document_id:
        raise BadRequest("documentId must be a non-empty string")
    if body.get("query") is not None or "persistedQuery" in extensions:
        raise BadRequest("send either documentId or the document (query), not both")
    return document_id


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
