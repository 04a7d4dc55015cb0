"""The ASGI shape every subgraph shares: FastAPI with Strawberry at /graphql, GET /health and
GET /ready (the database answers).

A subgraph supplies its schema and a context factory; this module adds, in front of it, the
production gate (service callers only), a body limit counted as bytes arrive and a JSON nesting
limit; around execution, the operation guard (tokens, depth, aliases, fields, before validation)
and error masking (expected `CmpFailure`s and GraphQL errors pass, a database outage becomes
UNAVAILABLE, anything else "Unexpected error.", never a stack trace); and one database pool and
one HTTP client per process.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, fields
from typing import Any, Generic, TypeVar

import httpx
import strawberry
from fastapi import FastAPI
from starlette.requests import HTTPConnection
from starlette.responses import Response
from strawberry.extensions import ParserCache
from strawberry.fastapi import BaseContext, GraphQLRouter

from kernel.auth.authenticate import Authenticator, ServiceCredential, trusted_issuers
from kernel.auth.principal import Principal
from kernel.auth.tokens import TokenVerifier
from kernel.body_limit import BodyLimitMiddleware
from kernel.database import Database
from kernel.json_depth import JsonDepthMiddleware
from kernel.readiness import database_answers, readiness
from kernel.request_id import RequestIdMiddleware
from kernel.settings import CommonSettings
from kernel.telemetry import instrument_engine, instrument_fastapi
from subgraphs.common.error_masking import PublicErrors
from subgraphs.common.operation_guard import STATE_KEY, OperationGuard, SubgraphLimits
from subgraphs.common.service_gate import ServiceOnlyMiddleware

log = logging.getLogger(__name__)


S = TypeVar("S", bound=CommonSettings)


@dataclass
class Resources(Generic[S]):
    """What lives as long as the process: settings, the pool, the HTTP client, the verifier.
    Each subgraph's resources extend it with their own (clients, a worker), typed."""

    settings: S
    db: Database
    http: httpx.AsyncClient
    authenticator: Authenticator

    def shared_fields(self) -> dict[str, Any]:
        """These fields, to build a subgraph's resources from them."""
        return {field.name: getattr(self, field.name) for field in fields(Resources)}

    async def aclose(self) -> None:
        """Closes what a subgraph's resources add, before the pool and the HTTP client go."""


R = TypeVar("R", bound=Resources[Any])


def build_schema_extensions() -> list[Any]:
    # Routers and services send the same few documents over and over: parse once (the guard
    # validates once). The guard comes first: it sets the token limit the parser obeys.
    return [
        OperationGuard,
        lambda: ParserCache(maxsize=512),
        PublicErrors,
    ]


def operation_limits(settings: CommonSettings) -> SubgraphLimits:
    return SubgraphLimits(
        max_tokens=settings.max_tokens,
        max_depth=settings.max_depth,
        max_aliases=settings.max_aliases,
        max_root_fields=settings.max_root_fields,
        max_fields=settings.max_fields,
    )


def create_subgraph_app(
    name: str,
    schema: strawberry.federation.Schema,
    settings: S,
    start: Callable[[Resources[S]], Awaitable[R]],
    make_context: Callable[[R, Principal, HTTPConnection], Awaitable[BaseContext]],
    http_transport: httpx.AsyncBaseTransport | None = None,
) -> FastAPI:
    """`start` builds the subgraph's resources from the shared ones at startup (connecting its
    clients); `make_context` a request's context from them. `http_transport` lets the dev
    stack route service calls in-process."""

    resources: dict[str, R] = {}

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if not settings.database_url:
            raise RuntimeError(f"{name}: DATABASE_URL is not set")
        http = httpx.AsyncClient(timeout=settings.http_timeout_seconds, transport=http_transport)
        db = Database(settings.database_url, settings.database_pool_size)
        instrument_engine(db.engine, f"cmp-{name}")  # SQL spans, when tracing
        verifier = TokenVerifier(trusted_issuers(settings, http))
        res = await start(
            Resources(settings, db, http, Authenticator(verifier, settings.service_token))
        )
        resources["current"] = res
        app.state.resources = res  # tests and tools reach the live pool through here
        log.info("%s ready; trusting issuers %s", name, verifier.issuers)
        try:
            yield
        finally:
            await res.aclose()
            await http.aclose()
            await db.dispose()

    # HTTPConnection: the same getter serves HTTP requests and WebSocket subscriptions.
    async def context_getter(request: HTTPConnection) -> BaseContext:
        res = resources["current"]
        principal = await res.authenticator.principal(request.headers)
        return await make_context(res, principal, request)

    app = FastAPI(title=f"CMP {name} subgraph", lifespan=lifespan, docs_url=None, redoc_url=None)
    setattr(app.state, STATE_KEY, operation_limits(settings))
    graphql: GraphQLRouter[Any, None] = GraphQLRouter(
        schema,
        context_getter=context_getter,
        graphql_ide="graphiql" if settings.is_development else None,
    )
    app.include_router(graphql, prefix="/graphql")
    # Added innermost first: the gate runs before anything is read, the depth check last.
    app.add_middleware(JsonDepthMiddleware, max_depth=settings.max_json_depth)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_request_bytes)
    if not settings.is_development:
        app.add_middleware(
            ServiceOnlyMiddleware, credential=ServiceCredential(settings.service_token)
        )
    app.add_middleware(RequestIdMiddleware)  # the router's request id on every log line
    instrument_fastapi(app, f"cmp-{name}")  # request spans continuing `traceparent`, when tracing

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok", "subgraph": name}

    @app.get("/ready")
    async def ready() -> Response:
        current = resources.get("current")
        if current is None:
            return await readiness({"database": _not_started})
        return await readiness({"database": lambda: database_answers(current.db)})

    return app


async def _not_started() -> bool:
    return False
