"""The router as production runs it in front of the session stack (service credential,
Saleor's webhook endpoint on its host), for the tests that shop through it: the commerce
tests, and the storefront's browser tests (which add CORS for the storefront's origin)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from cmp.serving import RunningServer, free_port, start_server
from router.http.app import create_app as create_router_app
from router.http.options import HttpOptions
from router.pipeline import Router
from router.pipeline.service import RouterConfig
from tests.conftest import SERVICE_TOKEN, SUPERGRAPH_SDL, GraphQLPost, Stack
from tests.fakes.saleor.app import FakeSaleor
from webhooks.saleor.service import SaleorWebhooks
from webhooks.saleor.settings import WebhookSettings


@dataclass
class ShopRouter:
    server: RunningServer
    webhooks: SaleorWebhooks
    fake: FakeSaleor
    gql: GraphQLPost

    @property
    def graphql_url(self) -> str:
        return f"{self.server.url}/graphql"

    @property
    def webhook_url(self) -> str:
        return f"{self.server.url}/webhooks/saleor"

    async def post(
        self, document: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> dict[str, Any]:
        """The whole response body, errors included (as the client sees it)."""
        return await self.gql(self.graphql_url, document, variables, token=token)

    async def data(
        self, document: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> dict[str, Any]:
        body = await self.post(document, variables, token)
        assert "errors" not in body, body
        data: dict[str, Any] = body["data"]
        return data


@asynccontextmanager
async def shop_router(
    stack: Stack, gql: GraphQLPost, database_url: str, options: HttpOptions | None = None
) -> AsyncIterator[ShopRouter]:
    port = free_port()
    webhooks = SaleorWebhooks(
        WebhookSettings(
            database_url=database_url,
            service_token=SERVICE_TOKEN,
            saleor_api_url=stack.saleor_url,
            supergraph_url=f"http://127.0.0.1:{port}/graphql",
            webhook_backoff_seconds=0.2,
        )
    )
    engine = Router.from_sdl(
        SUPERGRAPH_SDL, RouterConfig(subgraph_urls=stack.subgraph_urls, service_token=SERVICE_TOKEN)
    )
    server = await start_server(
        create_router_app(engine, options, extra_routes=webhooks.routes()), port=port
    )
    await webhooks.start()
    try:
        yield ShopRouter(server, webhooks, FakeSaleor.of(stack.saleor_app, stack.saleor_url), gql)
    finally:
        await webhooks.stop()
        await server.stop()
