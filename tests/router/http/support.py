"""Serving a fixture stack's router over HTTP with a given configuration."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx

from cmp.serving import start_server
from router.http import create_app
from router.http.options import HttpOptions
from tests.router.conftest import Stack


@asynccontextmanager
async def served(
    stack: Stack, options: HttpOptions | None = None, **config: Any
) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client whose base URL is a router in front of `stack`, configured with `config`
    (RouterConfig fields) and `options`."""
    server = await start_server(create_app(stack.router_with(**config), options))
    try:
        async with httpx.AsyncClient(base_url=server.url, timeout=30) as client:
            yield client
    finally:
        await server.stop()


JSON_HEADERS = {"content-type": "application/json"}
