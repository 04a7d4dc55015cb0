"""Everything the router's host needs for Saleor webhooks, with one lifecycle: the route,
the inbox, and the background processor that applies orders through the supergraph."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from typing import TYPE_CHECKING, TypedDict

import httpx
from starlette.routing import BaseRoute, Route

from kernel.database import Database
from kernel.readiness import Check, database_answers
from kernel.service_client import ServiceClient
from kernel.telemetry import instrument_engine
from webhooks.saleor.endpoint import saleor_webhook_route
from webhooks.saleor.inbox import Inbox
from webhooks.saleor.metrics import InboxMetrics
from webhooks.saleor.processor import InboxProcessor
from webhooks.saleor.settings import WebhookSettings
from webhooks.saleor.signature import SaleorSignatureVerifier
from webhooks.saleor.tracing import SERVICE

if TYPE_CHECKING:
    from kernel.metrics import MetricsSource


class RouterHostOptions(TypedDict, total=False):
    """The keywords of the router's `create_app` (router.http) for what it hosts beside it."""

    extra_routes: Sequence[BaseRoute]
    extra_lifespan: Callable[[], AbstractAsyncContextManager[object]]
    readiness_checks: Mapping[str, Check]
    metrics_sources: Sequence[MetricsSource]


class SaleorWebhooks:
    def __init__(
        self,
        settings: WebhookSettings,
        http_transport: httpx.AsyncBaseTransport | None = None,
        verifier: SaleorSignatureVerifier | None = None,
    ) -> None:
        self.settings = settings
        self.db = Database(settings.database_url, pool_size=4)
        instrument_engine(self.db.engine, SERVICE)  # SQL spans, when tracing
        self.http = httpx.AsyncClient(
            timeout=settings.http_timeout_seconds, transport=http_transport
        )
        self.verifier = verifier or SaleorSignatureVerifier.for_api_urls(
            settings.allowed_saleor_api_urls, self.http, float(settings.jwks_cache_seconds)
        )
        self.inbox = Inbox(self.db)
        self.supergraph = ServiceClient.internal(
            "supergraph",
            settings.supergraph_url,
            settings.service_token,
            settings.http_timeout_seconds,
            http_transport,
        )
        self.processor = InboxProcessor(
            self.inbox,
            self.supergraph,
            settings.webhook_max_attempts,
            settings.webhook_backoff_seconds,
        )
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def routes(self) -> list[Route]:
        return [
            saleor_webhook_route(
                self.verifier,
                self.inbox,
                self.processor.notify,
                self.settings.webhook_max_body_bytes,
                self.settings.max_json_depth,
            )
        ]

    def metrics_sources(self) -> list[MetricsSource]:
        """The inbox's state on the router's /metrics."""
        from kernel.metrics import MetricsSource

        inbox = InboxMetrics(self.inbox)
        return [MetricsSource(inbox, inbox.refresh)]

    def readiness_checks(self) -> dict[str, Check]:
        """What the router's /ready must also ask: deliveries are stored before the 202."""
        return {"webhook inbox database": lambda: database_answers(self.db)}

    def router_host_options(self) -> RouterHostOptions:
        """All the router's host mounts for the webhooks: the route, processing for as long as
        it serves, the readiness check and the metrics."""
        return RouterHostOptions(
            extra_routes=self.routes(),
            extra_lifespan=self.running,
            readiness_checks=self.readiness_checks(),
            metrics_sources=self.metrics_sources(),
        )

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[SaleorWebhooks]:
        """For the router app's lifespan: processing runs while the app serves."""
        await self.start()
        try:
            yield self
        finally:
            await self.stop()

    async def start(self) -> None:
        await self.supergraph.connect()
        self._task = asyncio.create_task(self.processor.run_forever(self._stop))

    async def stop(self) -> None:
        self._stop.set()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self.supergraph.aclose()
        await self.http.aclose()
        await self.db.dispose()


def webhooks_for_router(settings: WebhookSettings) -> SaleorWebhooks | None:
    """The router's host serves Saleor webhooks when it has a database for the inbox."""
    return SaleorWebhooks(settings) if settings.database_url else None
