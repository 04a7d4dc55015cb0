"""Session fixtures for the storefront's browser tests: a router as production runs it (the
Saleor webhook endpoint on its host, CORS for the storefront's origin) in front of the session
stack, and the storefront's production build served by `next start` against it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest

from cmp.serving import RunningServer, free_port, start_server
from router.http.app import create_app as create_router_app
from router.http.options import HttpOptions
from router.pipeline import Router
from router.pipeline.service import RouterConfig
from tests.browser.conftest import skip_without_chromium
from tests.conftest import SERVICE_TOKEN, SUPERGRAPH_SDL, Stack
from tests.fakes.saleor.app import FakeSaleor
from tests.storefront.app import (
    Storefront,
    ensure_built,
    ensure_installed,
    missing_tools,
    serve,
)
from webhooks.saleor.service import SaleorWebhooks
from webhooks.saleor.settings import WebhookSettings


@dataclass
class Shop:
    """The router the storefront talks to, and what the tests need around it."""

    router: RunningServer
    fake: FakeSaleor

    @property
    def graphql_url(self) -> str:
        return f"{self.router.url}/graphql"

    @property
    def webhook_url(self) -> str:
        return f"{self.router.url}/webhooks/saleor"


# Module-scoped: the router, its webhook processor's database pool and `next start` stop once
# these tests are done, so the rest of the session (and the shared PostgreSQL) are not charged.


@pytest.fixture(scope="module")
def storefront_port() -> int:
    return free_port()


@pytest.fixture(scope="module")
async def shop(stack: Stack, database_url: str, storefront_port: int) -> AsyncIterator[Shop]:
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
    # The browser calls the router itself, from the storefront's origin.
    options = HttpOptions(cors_origins=(f"http://127.0.0.1:{storefront_port}",))
    server = await start_server(
        create_router_app(engine, options, extra_routes=webhooks.routes()), port=port
    )
    await webhooks.start()
    try:
        yield Shop(server, FakeSaleor.of(stack.saleor_app, stack.saleor_url))
    finally:
        await webhooks.stop()
        await server.stop()


@pytest.fixture(scope="session")
async def storefront_build() -> None:
    """Installed and built once per session (and reused while the sources are unchanged);
    in a thread, so the session's servers keep serving meanwhile."""
    missing = missing_tools()
    if missing:
        pytest.skip(missing)
    skip_without_chromium()  # before the long build, which only the browser tests need
    await asyncio.to_thread(ensure_installed)
    await asyncio.to_thread(ensure_built)


@pytest.fixture(scope="module")
async def storefront(
    storefront_build: None,
    shop: Shop,
    storefront_port: int,
    dev_issuer_key_file: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[Storefront]:
    log_file = tmp_path_factory.mktemp("storefront") / "next-start.log"
    with ExitStack() as stack:
        # Started in a thread: this loop serves the router the storefront's first pages call.
        running = await asyncio.to_thread(
            stack.enter_context,
            serve(storefront_port, shop.graphql_url, dev_issuer_key_file, log_file),
        )
        yield running
