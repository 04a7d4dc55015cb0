"""Trusted documents: with manifests configured, which documents a request may run. Checked
first, before the APQ cache, parsing or planning, on every transport.

A request names its document one of three ways:
- `documentId` (GraphQL over HTTP, persisted documents): served when listed, else refused
  (404 PERSISTED_QUERY_NOT_IN_LIST): there is no text to fall back on;
- APQ's `extensions.persistedQuery.sha256Hash` alone: served from the list when listed; else
  refused like an unknown id when the list is enforced, or left to the APQ cache when not;
- the full text (with or without an APQ hash): served when the text is listed (that is, its
  hash is); else refused (403 QUERY_NOT_IN_SAFELIST) when the list is enforced. APQ only keeps
  documents that got here, so registering a document through APQ cannot widen the list.

Not enforced (`allow_arbitrary`, the development default) the list still serves ids and hashes;
unlisted texts run and are counted as such, which shows what production would refuse. Callers
the HTTP layer vouches for (`trusted_caller`: the service credential, i.e. our own services)
may run unlisted texts too."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, NoReturn

from router.pipeline.manifests import DocumentList
from router.pipeline.request import GraphQLRequest

NOT_IN_LIST = "PERSISTED_QUERY_NOT_IN_LIST"  # Apollo Router's codes and statuses
NOT_IN_SAFELIST = "QUERY_NOT_IN_SAFELIST"
STATUS_BY_CODE = {NOT_IN_LIST: 404, NOT_IN_SAFELIST: 403}

# Outcomes reported to `on_check` (the router's metric): every request when a list is set.
LISTED = "listed"
UNLISTED_ALLOWED = "unlisted_allowed"
TRUSTED_CALLER = "trusted_caller"
REFUSED = "refused"


class DocumentRefused(Exception):
    def __init__(self, message: str, code: str, operation_name: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.operation_name = operation_name

    @property
    def formatted(self) -> dict[str, Any]:
        extensions: dict[str, Any] = {"code": self.code}
        if self.operation_name:
            extensions["operationName"] = self.operation_name
        return {"message": str(self), "extensions": extensions}


class TrustedDocuments:
    def __init__(
        self,
        documents: DocumentList | None = None,
        allow_arbitrary: bool = True,
        on_check: Callable[[str], None] | None = None,
    ) -> None:
        self.documents = documents
        self.allow_arbitrary = allow_arbitrary
        self.on_check = on_check

    def admit(self, request: GraphQLRequest, trusted_caller: bool = False) -> GraphQLRequest:
        """The request with its document text; raises DocumentRefused."""
        documents = self.documents
        if documents is None:
            if request.document_id is not None:
                self._refuse_id(request, "This router has no trusted documents to look ids up in")
            return request
        if request.document_id is not None:
            return self._by_id(documents, request, request.document_id, "persisted document")
        apq_hash = _apq_hash(request)
        if not request.query and apq_hash is not None:
            if documents.get(apq_hash) is not None or self._enforced_for(trusted_caller):
                return self._by_id(documents, request, apq_hash, "persisted query")
            self._report(UNLISTED_ALLOWED if self.allow_arbitrary else TRUSTED_CALLER)
            return request  # the APQ cache may know it
        if request.query in documents.texts:
            self._report(LISTED)
        elif self._enforced_for(trusted_caller):
            self._report(REFUSED)
            raise DocumentRefused(
                "The operation body is not in the trusted documents list",
                NOT_IN_SAFELIST,
                request.operation_name,
            )
        else:
            self._report(UNLISTED_ALLOWED if self.allow_arbitrary else TRUSTED_CALLER)
        return request

    def _enforced_for(self, trusted_caller: bool) -> bool:
        return not self.allow_arbitrary and not trusted_caller

    def _by_id(
        self, documents: DocumentList, request: GraphQLRequest, document_id: str, what: str
    ) -> GraphQLRequest:
        body = documents.get(document_id)
        if body is None:
            self._refuse_id(
                request, f"The {what} {document_id!r} is not in the trusted documents list"
            )
        self._report(LISTED)
        # Served from the list: APQ has nothing to check or keep.
        extensions = {k: v for k, v in request.extensions.items() if k != "persistedQuery"}
        return replace(request, query=body, document_id=None, extensions=extensions)

    def _refuse_id(self, request: GraphQLRequest, message: str) -> NoReturn:
        self._report(REFUSED)
        raise DocumentRefused(message, NOT_IN_LIST, request.operation_name)

    def _report(self, outcome: str) -> None:
        if self.on_check is not None:
            self.on_check(outcome)


def _apq_hash(request: GraphQLRequest) -> str | None:
    persisted = request.persisted_query
    if isinstance(persisted, dict) and isinstance(persisted.get("sha256Hash"), str):
        return str(persisted["sha256Hash"])
    return None
