"""Session fixtures for the storefront's browser tests: a router as production runs it (the
Saleor webhook endpoint on its host, CORS for the storefront's origin) in front of the session
stack, and the storefront's production build served by `next start` against it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from cmp.serving import free_port
from router.http.options import HttpOptions
from tests.browser.conftest import skip_without_chromium
from tests.conftest import GraphQLPost, Stack
from tests.storefront.app import (
    Storefront,
    ensure_built,
    ensure_installed,
    missing_tools,
    serve,
)
from tests.support.shop_router import ShopRouter, shop_router

# Module-scoped: the router, its webhook processor's database pool and `next start` stop once
# these tests are done, so the rest of the session (and the shared PostgreSQL) are not charged.


@pytest.fixture(scope="module")
def storefront_port() -> int:
    return free_port()


@pytest.fixture(scope="module")
async def shop(
    stack: Stack, gql: GraphQLPost, database_url: str, storefront_port: int
) -> AsyncIterator[ShopRouter]:
    # The browser calls the router itself, from the storefront's origin.
    options = HttpOptions(cors_origins=(f"http://127.0.0.1:{storefront_port}",))
    async with shop_router(stack, gql, database_url, options) as router:
        yield router


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
    shop: ShopRouter,
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
