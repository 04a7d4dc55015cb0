"""The ASGI shape every subgraph shares: FastAPI with Strawberry at /graphql, GET /health (the
process) and GET /ready (its database answers: what Kubernetes' readiness probe asks).

A subgraph supplies its schema and a context factory; this module adds error masking (expected
`CmpFailure`s and GraphQL errors pass, anything else becomes "Unexpected error." with no stack
trace), a depth limit, one database pool and one HTTP client per process.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
import strawberry
from fastapi import FastAPI
from fastapi.responses import JSONResponse
from graphql import GraphQLError
from sqlalchemy import text
from starlette.requests import HTTPConnection
from strawberry.extensions import AddValidationRules, MaskErrors, ParserCache, ValidationCache
from strawberry.fastapi import BaseContext, GraphQLRouter

from subgraphs.common.auth.authenticate import Authenticator, trusted_issuers
from subgraphs.common.auth.principal import Principal
from subgraphs.common.auth.tokens import TokenVerifier
from subgraphs.common.database import Database
from subgraphs.common.depth_limit import MaxDepthRule
from subgraphs.common.settings import CommonSettings

log = logging.getLogger(__name__)

# A readiness probe that waits longer than this is itself the problem: answer 503 instead.
READY_TIMEOUT_SECONDS = 2.0


@dataclass
class Resources:
    """What lives as long as the process: settings, the pool, the HTTP client, the verifier."""

    settings: CommonSettings
    db: Database
    http: httpx.AsyncClient
    authenticator: Authenticator
    extras: dict[str, Any] = field(default_factory=dict)


ContextFactory = Callable[[Resources, Principal, HTTPConnection], Awaitable[BaseContext]]
StartupHook = Callable[[Resources], Awaitable[None]]


def _should_mask(error: GraphQLError) -> bool:
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError)


def build_schema_extensions() -> list[Any]:
    # Routers and services send the same few documents over and over: parse and validate once.
    return [
        lambda: ParserCache(maxsize=512),
        lambda: ValidationCache(maxsize=512),
        lambda: AddValidationRules([MaxDepthRule]),
        lambda: MaskErrors(should_mask_error=_should_mask),
    ]


def create_subgraph_app(
    name: str,
    schema: strawberry.federation.Schema,
    settings: CommonSettings,
    make_context: ContextFactory,
    on_startup: StartupHook | None = None,
    http_transport: httpx.AsyncBaseTransport | None = None,
) -> FastAPI:
    """`http_transport` lets the dev stack route service calls in-process."""

    resources: dict[str, Resources] = {}

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if not settings.database_url:
            raise RuntimeError(f"{name}: DATABASE_URL is not set")
        http = httpx.AsyncClient(timeout=settings.http_timeout_seconds, transport=http_transport)
        db = Database(settings.database_url, settings.database_pool_size)
        verifier = TokenVerifier(trusted_issuers(settings, http))
        res = Resources(settings, db, http, Authenticator(verifier, settings.service_token))
        if on_startup is not None:
            await on_startup(res)
        resources["current"] = res
        log.info("%s ready; trusting issuers %s", name, verifier.issuers)
        try:
            yield
        finally:
            # Reverse order: what started last (e.g. a worker) stops before what it uses.
            for closer in reversed(list(res.extras.values())):
                aclose = getattr(closer, "aclose", None)
                if aclose is not None:
                    await aclose()
            await http.aclose()
            await db.dispose()

    # HTTPConnection: the same getter serves HTTP requests and WebSocket subscriptions.
    async def context_getter(request: HTTPConnection) -> BaseContext:
        res = resources["current"]
        principal = await res.authenticator.principal(request.headers)
        return await make_context(res, principal, request)

    app = FastAPI(title=f"CMP {name} subgraph", lifespan=lifespan, docs_url=None, redoc_url=None)
    graphql: GraphQLRouter[Any, None] = GraphQLRouter(
        schema,
        context_getter=context_getter,
        graphql_ide="graphiql" if settings.is_development else None,
    )
    app.include_router(graphql, prefix="/graphql")

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok", "subgraph": name}

    @app.get("/ready")
    async def ready() -> JSONResponse:
        """Every resolver needs the pool: not ready while the database does not answer."""
        res = resources.get("current")
        if res is None:
            return JSONResponse({"status": "starting", "subgraph": name}, status_code=503)
        try:
            async with asyncio.timeout(READY_TIMEOUT_SECONDS), res.db.session() as session:
                await session.execute(text("SELECT 1"))
        except Exception as error:  # any failure means "not now"; the reason goes to the log
            log.warning("%s not ready: database: %s", name, type(error).__name__)
            return JSONResponse(
                {"status": "unavailable", "subgraph": name, "reason": "database"},
                status_code=503,
            )
        return JSONResponse({"status": "ready", "subgraph": name})

    return app
