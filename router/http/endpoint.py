"""/graphql: the GraphQL-over-HTTP endpoint. Negotiates the media type, refuses CSRF-prone and
malformed requests with 4xx, builds the request context (forwarded headers, request id, the
service credential for internal callers), runs the current router, and answers with the
configured subgraph response headers. Unexpected failures are logged and answered as 500 with a
GraphQL body; client mistakes never are."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from kernel.logs import bind_request_id
from kernel.request_errors import request_error
from router.executor import RequestContext
from router.http.csrf import check_csrf
from router.http.event_stream import EVENT_STREAM, accepts_event_stream, event_stream
from router.http.headers import (
    REQUEST_ID_HEADER,
    HeaderPolicy,
    InvalidServiceCredential,
    request_id_from,
)
from router.http.logs import log_request
from router.http.metrics import RouterMetrics
from router.http.options import HttpOptions
from router.http.playground import playground_page, wants_html
from router.http.protocol import (
    JSON,
    HttpError,
    parse_get,
    parse_post,
    read_body,
    response_media_type,
    status_for,
)
from router.http.reload import RouterHolder
from router.pipeline import GraphQLRequest

log = logging.getLogger("router.http")
EXPOSE_PLAN_HEADER = "apollo-expose-query-plan"


def _dumps(result: dict[str, Any]) -> bytes:
    try:
        return orjson.dumps(result, default=str)
    except TypeError:
        # orjson stops at 254 levels; a subgraph's JSON scalar (a flow's output) may be deeper.
        return json.dumps(result, default=str).encode()


async def _single(result: dict[str, Any]) -> AsyncIterator[dict[str, Any]]:
    yield result


def _unauthenticated(error: InvalidServiceCredential) -> dict[str, Any]:
    return request_error(str(error), "UNAUTHENTICATED")


def _subgraph_errors(result: dict[str, Any]) -> list[tuple[str, str]]:
    """(subgraph, code) of each error a subgraph caused (the executor names it `service`)."""
    found = []
    for error in result.get("errors") or ():
        extensions = error.get("extensions") if isinstance(error, dict) else None
        if isinstance(extensions, dict) and isinstance(extensions.get("service"), str):
            found.append((extensions["service"], str(extensions.get("code", "UNKNOWN"))))
    return found


def _codes(result: dict[str, Any]) -> list[str]:
    return [
        str((error.get("extensions") or {}).get("code", "UNKNOWN"))
        for error in result.get("errors") or ()
        if isinstance(error, dict)
    ]


class GraphQLEndpoint:
    def __init__(
        self,
        holder: RouterHolder,
        policy: HeaderPolicy,
        options: HttpOptions,
        metrics: RouterMetrics,
    ) -> None:
        self.holder = holder
        self.policy = policy
        self.options = options
        self.metrics = metrics

    async def handle(self, request: Request) -> Response:
        if request.method == "GET" and self.options.playground and wants_html(request):
            return playground_page()
        if accepts_event_stream(request.headers.get("accept")):
            return await self.stream(request)
        started = time.perf_counter()
        request_id = request_id_from(request.headers)
        bind_request_id(request_id)  # on every log line of this request
        media_type = JSON
        extra_headers: list[tuple[str, str]] = []
        operation: str | None = None
        validated = False
        try:
            media_type = response_media_type(request.headers.get("accept"))
            context, graphql_request, internal = await self._admit(request, request_id)
            operation = graphql_request.operation_name
            result = await self.holder.current.handle(
                graphql_request, context, trusted_caller=internal
            )
            validated = context.operation_name is not None
            operation = context.operation_name or operation  # the document's, once validated
            status = status_for(result)
            extra_headers = context.response_headers
        except HttpError as error:
            result, status = error.body, error.status
            extra_headers = list(error.headers.items())
        except InvalidServiceCredential as error:
            result, status = _unauthenticated(error), 401
        except Exception:
            log.exception("request %s failed", request_id)
            result = request_error("internal router error", "INTERNAL_SERVER_ERROR")
            status = 500
        response = Response(_dumps(result), status, media_type=f"{media_type}; charset=utf-8")
        if status == 405:
            response.headers["allow"] = "POST"
        for name, value in extra_headers:
            response.headers.append(name, value)
        return self._finish(
            request,
            response,
            request_id,
            started,
            operation,
            _codes(result),
            validated,
            _subgraph_errors(result) if "errors" in result else [],
        )

    async def stream(self, request: Request) -> Response:
        """GraphQL over SSE: errors found before execution are answered as ordinary JSON
        responses (4xx); everything after as events."""
        started = time.perf_counter()
        request_id = request_id_from(request.headers)
        bind_request_id(request_id)  # on every log line of this request
        operation: str | None = None
        validated = False
        try:
            context, graphql_request, internal = await self._admit(request, request_id)
            operation = graphql_request.operation_name
            outcome = self.holder.current.stream(
                graphql_request, context, trusted_caller=internal, transport="sse"
            )
            validated = context.operation_name is not None
            operation = context.operation_name or operation
        except HttpError as error:
            outcome, status = error.body, error.status
        except InvalidServiceCredential as error:
            outcome, status = _unauthenticated(error), 401
        else:
            status = status_for(outcome) if isinstance(outcome, dict) else 200
        if isinstance(outcome, dict) and status != 200:
            response: Response = Response(_dumps(outcome), status, media_type=JSON)
            codes = _codes(outcome)
        else:
            results = _single(outcome) if isinstance(outcome, dict) else outcome
            response = StreamingResponse(
                event_stream(results, self.options.event_stream_keep_alive_seconds),
                media_type=EVENT_STREAM,
                headers={"cache-control": "no-cache", "x-accel-buffering": "no"},
            )
            codes = []
        return self._finish(request, response, request_id, started, operation, codes, validated)

    async def _admit(
        self, request: Request, request_id: str
    ) -> tuple[RequestContext, GraphQLRequest, bool]:
        """What both transports check and read before the pipeline: CSRF, the caller's
        context (credential, forwarded headers), the GraphQL request and the plan options;
        and whether the caller is one of our services (may run unlisted documents)."""
        check_csrf(request.headers, self.options.csrf_required_headers)
        context = self.policy.context_for(request.headers, request_id)
        graphql_request = await self._read(request)
        context.queries_only = request.method == "GET"
        context.expose_query_plan, context.plan_only = self._plan_options(request)
        return context, graphql_request, self.policy.is_internal(request.headers)

    def _finish(
        self,
        request: Request,
        response: Response,
        request_id: str,
        started: float,
        operation: str | None,
        codes: list[str],
        validated: bool,
        subgraph_errors: list[tuple[str, str]] | None = None,
    ) -> Response:
        """The request id on the response, then one metric and one log line per request."""
        response.headers[REQUEST_ID_HEADER] = request_id
        elapsed = time.perf_counter() - started
        self.metrics.observe_request(
            request.method,
            response.status_code,
            elapsed,
            codes,
            operation,
            validated,
            subgraph_errors or (),
        )
        log_request(request_id, request.method, response.status_code, elapsed, operation, codes)
        return response

    async def _read(self, request: Request) -> GraphQLRequest:
        depth = self.options.max_json_depth
        if request.method == "GET":
            return parse_get(dict(request.query_params), depth)
        body = await read_body(request, self.options.max_request_bytes)
        return parse_post(request.headers.get("content-type"), body, depth)

    def _plan_options(self, request: Request) -> tuple[bool, bool]:
        """(expose the plan, plan without executing) as asked by Apollo-Expose-Query-Plan."""
        if not self.options.expose_query_plan:
            return False, False
        asked = request.headers.get(EXPOSE_PLAN_HEADER, "").strip().lower()
        return asked in ("true", "dry-run"), asked == "dry-run"
