"""GraphQL over HTTP: reading a request (POST application/json, GET query parameters),
choosing the response media type from Accept, and the status code of a result.

Request errors (the document never ran: parse, validation, limits, variables) are 400 whatever
the media type, as Apollo Router does; a result with `data` is 200. Malformed requests are 4xx
with a GraphQL-shaped body, never a 500: that includes bodies over the size limit (413, counted
as they arrive) and JSON nested deeper than the nesting limit (400, checked before the body
goes anywhere — orjson would refuse to send it on to a subgraph)."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.requests import Request

from kernel.body_limit import PAYLOAD_TOO_LARGE, BodyTooLarge, read_limited
from kernel.json_depth import TooDeep, check_depth, is_depth_error
from kernel.limits import MAX_JSON_DEPTH
from kernel.request_errors import request_error
from router.pipeline import BadRequest, GraphQLRequest
from router.pipeline.apq import NOT_FOUND, NOT_SUPPORTED
from router.pipeline.service import METHOD_NOT_ALLOWED, QUERY_PLANNING_FAILED
from router.pipeline.trusted_documents import STATUS_BY_CODE as TRUSTED_DOCUMENT_STATUSES

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
_ALLOWED_CHARSETS = ("utf-8", "utf8")


class HttpError(Exception):
    """Refused before the pipeline: answered with `status` and a GraphQL-shaped error."""

    def __init__(
        self,
        status: int,
        message: str,
        code: str = "BAD_REQUEST",
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.headers = headers or {}

    @property
    def body(self) -> dict[str, Any]:
        return request_error(str(self), self.code)


def _media_type(header: str) -> tuple[str, dict[str, str]]:
    media, *params = header.split(";")
    parsed = {}
    for param in params:
        key, _, value = param.partition("=")
        parsed[key.strip().lower()] = value.strip().strip('"').lower()
    return media.strip().lower(), parsed


_ACCEPTED = {GRAPHQL_RESPONSE: GRAPHQL_RESPONSE, JSON: JSON, "*/*": JSON, "application/*": JSON}


def response_media_type(accept: str | None) -> str:
    """The preferred supported type; no Accept, */* and application/* mean application/json.
    Highest quality wins; on a tie, the explicit graphql-response type."""
    if not accept:
        return JSON
    candidates: list[tuple[float, bool, str]] = []
    for item in accept.split(","):
        media, params = _media_type(item)
        chosen = _ACCEPTED.get(media)
        try:
            quality = float(params.get("q", "1"))
        except ValueError:
            quality = 0.0
        if chosen and quality > 0:
            candidates.append((quality, chosen == GRAPHQL_RESPONSE, chosen))
    if not candidates:
        raise HttpError(
            406,
            f"cannot answer with any of: {accept}; accepted are {GRAPHQL_RESPONSE} and {JSON}",
            "NOT_ACCEPTABLE",
        )
    return max(candidates)[2]


async def read_body(request: Request, max_bytes: int) -> bytes:
    try:
        return await read_limited(request, max_bytes)
    except BodyTooLarge as error:
        raise HttpError(413, str(error), PAYLOAD_TOO_LARGE, {"connection": "close"}) from error


def _loads(raw: bytes | str, what: str, max_depth: int) -> Any:
    try:
        return check_depth(orjson.loads(raw), max_depth, what)
    except orjson.JSONDecodeError as error:
        if is_depth_error(error):
            raise HttpError(400, str(TooDeep(what, max_depth))) from error
        raise HttpError(400, f"{what} is not valid JSON: {error}") from error
    except TooDeep as error:
        raise HttpError(400, str(error)) from error


def parse_post(
    content_type: str | None, body: bytes, max_json_depth: int = MAX_JSON_DEPTH
) -> GraphQLRequest:
    if not content_type:
        raise HttpError(415, f"POST requests need Content-Type: {JSON}", "UNSUPPORTED_MEDIA_TYPE")
    media, params = _media_type(content_type)
    if media != JSON:
        raise HttpError(
            415, f"unsupported Content-Type {media!r}; send {JSON}", "UNSUPPORTED_MEDIA_TYPE"
        )
    if params.get("charset", "utf-8") not in _ALLOWED_CHARSETS:
        raise HttpError(415, "the body must be UTF-8", "UNSUPPORTED_MEDIA_TYPE")
    if not body.strip():
        raise HttpError(400, "the body is empty; send a JSON object with a query")
    return _from_json(_loads(body, "the body", max_json_depth))


def parse_get(params: dict[str, str], max_json_depth: int = MAX_JSON_DEPTH) -> GraphQLRequest:
    body: dict[str, Any] = {}
    for name in ("query", "operationName", "documentId"):
        if name in params:
            body[name] = params[name]
    for name in ("variables", "extensions"):
        if params.get(name):
            body[name] = _loads(params[name], f"the {name} parameter", max_json_depth)
    return _from_json(body)


def _from_json(body: Any) -> GraphQLRequest:
    try:
        return GraphQLRequest.from_json(body)
    except BadRequest as error:
        raise HttpError(400, str(error)) from error


_STATUS_BY_CODE = {
    METHOD_NOT_ALLOWED: 405,
    QUERY_PLANNING_FAILED: 500,
    **TRUSTED_DOCUMENT_STATUSES,  # an unknown id 404, an unlisted document 403
}
_NOT_REQUEST_ERRORS = frozenset({NOT_FOUND, NOT_SUPPORTED})  # APQ: the client simply retries


def status_for(result: dict[str, Any]) -> int:
    if "data" in result:
        return 200
    codes = {(error.get("extensions") or {}).get("code") for error in result.get("errors") or ()}
    for code, status in _STATUS_BY_CODE.items():
        if code in codes:
            return status
    if codes and codes <= _NOT_REQUEST_ERRORS:
        return 200
    return 400
