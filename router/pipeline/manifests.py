"""Trusted-document manifests: the operations our clients were built with, `id -> document`.
Two formats are read, both as their tools write them:

- GraphQL Code Generator's persisted documents (client preset, `persisted-documents.json`):
  `{"sha256:<hex>": "<document>", ...}`;
- Apollo's persisted query manifest: `{"format": "apollo-persisted-query-manifest",
  "version": 1, "operations": [{"id", "body", "name", "type"}, ...]}`.

Ids of the GraphQL-over-HTTP SHA-256 form (`sha256:<hex>`, or 64 bare hex digits as Apollo and
APQ write them) must be the SHA-256 of their document: they are checked, so a request's hash
can be trusted to name exactly that text. Other ids (Relay's MD5, custom ones) are opaque.
Every document is also listed under its own SHA-256, whatever its id. A manifest that cannot be
read, is of neither format, holds a document that does not parse, or gives one id two
documents is refused whole (ManifestError): nothing of it is used."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from graphql import GraphQLError, parse

APOLLO_FORMAT = "apollo-persisted-query-manifest"
SHA256_PREFIX = "sha256:"
_HEX64 = re.compile(r"^[0-9a-fA-F]{64}$")


class ManifestError(ValueError):
    """A manifest that cannot be used; the message names the file and what is wrong."""


def sha256_id(text: str) -> str:
    """The GraphQL-over-HTTP document identifier of `text`: `sha256:<lower-case hex>`."""
    return SHA256_PREFIX + hashlib.sha256(text.encode()).hexdigest()


def canonical_id(document_id: str) -> str:
    """`sha256:<hex>` for the SHA-256 forms (any case, with or without the prefix, as APQ's
    `sha256Hash` is sent), the id unchanged otherwise."""
    if document_id[:7].lower() == SHA256_PREFIX:
        payload = document_id[7:]
        return SHA256_PREFIX + payload.lower() if _HEX64.match(payload) else document_id
    if _HEX64.match(document_id):
        return SHA256_PREFIX + document_id.lower()
    return document_id


def _is_sha256(document_id: str) -> bool:
    return document_id.startswith(SHA256_PREFIX) and _HEX64.match(document_id[7:]) is not None


@dataclass(frozen=True)
class DocumentList:
    """Every listed document by canonical id, and the set of listed texts."""

    by_id: Mapping[str, str]
    texts: frozenset[str]
    sources: tuple[Path, ...] = ()

    def __len__(self) -> int:
        return len(self.texts)

    def get(self, document_id: str) -> str | None:
        return self.by_id.get(canonical_id(document_id))


def load_manifests(paths: Iterable[Path]) -> DocumentList | None:
    """Every manifest's documents in one list (None without manifests: nothing is listed,
    nothing is enforced); raises ManifestError for the first bad one."""
    sources = tuple(paths)
    if not sources:
        return None
    by_id: dict[str, str] = {}
    for path in sources:
        for document_id, body in _entries(path, _read(path)):
            _check_document(path, document_id, body)
            for key in {canonical_id(document_id), sha256_id(body)}:
                known = by_id.setdefault(key, body)
                if known != body:
                    raise ManifestError(
                        f"{path}: id {document_id!r} names two different documents "
                        "(in this manifest or an earlier one)"
                    )
    return DocumentList(by_id, frozenset(by_id.values()), sources)


def _read(path: Path) -> Any:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ManifestError(f"{path}: cannot read the manifest ({error.strerror})") from error
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise ManifestError(f"{path}: not JSON ({error})") from error


def _entries(path: Path, manifest: Any) -> Iterator[tuple[str, str]]:
    if not isinstance(manifest, dict):
        raise ManifestError(f"{path}: a manifest is a JSON object")
    if "format" in manifest or "operations" in manifest:
        yield from _apollo_entries(path, manifest)
        return
    for document_id, body in manifest.items():
        if not isinstance(body, str):
            raise ManifestError(
                f"{path}: {document_id!r} is not a document (a codegen manifest maps ids to "
                f'documents; an Apollo manifest has "format": "{APOLLO_FORMAT}")'
            )
        yield document_id, body


def _apollo_entries(path: Path, manifest: dict[str, Any]) -> Iterator[tuple[str, str]]:
    if manifest.get("format") != APOLLO_FORMAT or manifest.get("version") != 1:
        raise ManifestError(
            f'{path}: unknown manifest format; expected "format": "{APOLLO_FORMAT}" with '
            '"version": 1, or a codegen {"<id>": "<document>"} object'
        )
    operations = manifest.get("operations")
    if not isinstance(operations, list):
        raise ManifestError(f'{path}: "operations" must be a list')
    for index, operation in enumerate(operations):
        if not isinstance(operation, dict):
            raise ManifestError(f"{path}: operations[{index}] is not an object")
        document_id, body = operation.get("id"), operation.get("body")
        if not isinstance(document_id, str) or not isinstance(body, str):
            raise ManifestError(f'{path}: operations[{index}] needs a string "id" and "body"')
        yield document_id, body


def _check_document(path: Path, document_id: str, body: str) -> None:
    if not document_id:
        raise ManifestError(f"{path}: an id is empty")
    canonical = canonical_id(document_id)
    if _is_sha256(canonical) and canonical != sha256_id(body):
        raise ManifestError(
            f"{path}: id {document_id!r} is not the SHA-256 of its document "
            "(ids of that form must be)"
        )
    try:
        parse(body)
    except GraphQLError as error:
        raise ManifestError(
            f"{path}: the document of {document_id!r} does not parse: {error.message}"
        ) from error
