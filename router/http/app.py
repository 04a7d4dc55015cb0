"""The ASGI app: /graphql (POST and GET, the playground for browsers), /health, /ready,
/metrics, the playground's assets, and any extra routes the host mounts (Saleor webhooks).
Every request body, whatever the route, is counted as it arrives (BodyLimitMiddleware)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager, AsyncExitStack, asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route, WebSocketRoute

from kernel.body_limit import BodyLimitMiddleware
from kernel.metrics import MetricsSource
from kernel.readiness import Check
from router.http.endpoint import EXPOSE_PLAN_HEADER, GraphQLEndpoint
from router.http.headers import REQUEST_ID_HEADER, HeaderPolicy
from router.http.health import health_endpoint, readiness_endpoint
from router.http.metrics import CONTENT_TYPE, RouterMetrics
from router.http.options import HttpOptions
from router.http.playground import playground_asset
from router.http.reload import RouterHolder, SupergraphWatcher
from router.http.websocket import GraphQLWebSocket
from router.pipeline import Router
from router.telemetry import instrument_router, request_span_middleware


def _cors(options: HttpOptions, router: Router) -> list[Middleware]:
    if not options.cors_origins:
        return []
    # The service credential header is deliberately not allowed: browsers cannot send it.
    allowed = {
        "content-type",
        "authorization",
        REQUEST_ID_HEADER,
        EXPOSE_PLAN_HEADER,
        *options.csrf_required_headers,
        *router.config.propagate_request_headers,
    }
    return [
        Middleware(
            CORSMiddleware,
            allow_origins=list(options.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=sorted(allowed),
            allow_credentials=True,
            expose_headers=[REQUEST_ID_HEADER],
            max_age=600,
        )
    ]


def create_app(
    router: Router,
    options: HttpOptions | None = None,
    extra_routes: Sequence[BaseRoute] = (),
    extra_lifespan: Callable[[], AbstractAsyncContextManager[object]] | None = None,
    readiness_checks: Mapping[str, Check] | None = None,
    metrics_sources: Sequence[MetricsSource] = (),
) -> Starlette:
    """`extra_routes` are mounted beside /graphql (e.g. POST /webhooks/saleor);
    `extra_lifespan` runs for as long as the app serves (e.g. their background processor);
    `readiness_checks` are what they depend on, reported by /ready (e.g. the inbox's database);
    `metrics_sources` what they report on /metrics (e.g. the inbox's state)."""
    options = options or HttpOptions()
    holder = RouterHolder(router)
    metrics = RouterMetrics(holder.get, options.metrics_max_operations, metrics_sources)
    router.executor.on_fetch = metrics.observe_fetch
    router.trusted_documents.on_check = metrics.observe_trusted_document
    instrument_router(router)  # traces, when OTEL_* configures them
    holder.on_swap.append(lambda old, _new: metrics.caches.retire(old))
    holder.on_swap.append(lambda _old, new: instrument_router(new))
    policy = HeaderPolicy(
        router.config.propagate_request_headers,
        router.config.service_token,
        router.config.external_subgraphs,
    )
    endpoint = GraphQLEndpoint(holder, policy, options, metrics)
    watcher = (
        SupergraphWatcher(holder, options.supergraph_file, options.reload_seconds)
        if options.supergraph_file and options.reload_seconds > 0
        else None
    )

    async def metrics_endpoint(_: Request) -> Response:
        return Response(await metrics.render(), media_type=CONTENT_TYPE)

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        async with AsyncExitStack() as stack:
            # Closed last: every router (reloads included) shares this transport.
            stack.push_async_callback(lambda: holder.current.close())
            if extra_lifespan is not None:
                await stack.enter_async_context(extra_lifespan())
            if watcher is not None:
                watcher.start()
                stack.push_async_callback(watcher.stop)
            yield

    app = Starlette(
        routes=[
            Route("/graphql", endpoint.handle, methods=["GET", "POST"]),
            WebSocketRoute("/graphql", GraphQLWebSocket(holder, policy, options).handle),
            Route("/health", health_endpoint(holder.get), methods=["GET"]),
            Route(
                "/ready",
                readiness_endpoint(holder.get, options.readiness_timeout_seconds, readiness_checks),
                methods=["GET"],
            ),
            Route("/metrics", metrics_endpoint, methods=["GET"]),
            Route("/playground/{name}", playground_asset, methods=["GET"]),
            *extra_routes,
        ],
        middleware=[
            *request_span_middleware(),
            *_cors(options, router),
            Middleware(BodyLimitMiddleware, max_bytes=options.max_request_bytes),
        ],
        lifespan=lifespan,
    )
    app.state.routers = holder
    app.state.supergraph_watcher = watcher
    return app
