"""Automatic persisted queries (Apollo's protocol): a client sends
`extensions.persistedQuery = {version: 1, sha256Hash}` alone; if the router knows the hash it
runs that document, else it answers PERSISTED_QUERY_NOT_FOUND and the client retries with the
document, which is then kept under its (verified) hash once it has proved valid."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import Any

from kernel.request_errors import error_entry
from router.pipeline.lru import LRU
from router.pipeline.request import GraphQLRequest

NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
NOT_SUPPORTED = "PERSISTED_QUERY_NOT_SUPPORTED"
HASH_MISMATCH = "PERSISTED_QUERY_HASH_MISMATCH"


class PersistedQueryError(Exception):
    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code

    @property
    def formatted(self) -> dict[str, Any]:
        return error_entry(str(self), self.code)


class PersistedQueries:
    def __init__(self, capacity: int = 1000, enabled: bool = True) -> None:
        self.enabled = enabled
        self.documents: LRU[str, str] = LRU(capacity)

    def resolve(self, request: GraphQLRequest) -> GraphQLRequest:
        """The request with its document; raises PersistedQueryError."""
        persisted = request.persisted_query
        if persisted is None:
            return request
        if not self.enabled:
            raise PersistedQueryError("PersistedQueryNotSupported", NOT_SUPPORTED)
        if not isinstance(persisted, dict) or persisted.get("version") != 1:
            raise PersistedQueryError("Unsupported persisted query version", NOT_SUPPORTED)
        sha = persisted.get("sha256Hash")
        if not isinstance(sha, str) or not sha:
            raise PersistedQueryError("persistedQuery.sha256Hash must be a string", NOT_FOUND)
        if not request.query:
            known = self.documents.get(sha.lower())
            if known is None:
                raise PersistedQueryError("PersistedQueryNotFound", NOT_FOUND)
            return replace(request, query=known)
        if hashlib.sha256(request.query.encode()).hexdigest() != sha.lower():
            raise PersistedQueryError("provided sha does not match query", HASH_MISMATCH)
        return request

    def remember(self, request: GraphQLRequest) -> None:
        """Keep a valid document sent with its hash (resolve() has checked the hash)."""
        persisted = request.persisted_query
        if self.enabled and isinstance(persisted, dict) and request.query:
            self.documents.put(str(persisted["sha256Hash"]).lower(), request.query)
