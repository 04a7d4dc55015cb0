"""`cmp router` as its own process, for the tests of the command itself (flags, workers,
memory): the command line (bench.support's, the benchmarks start it alike), and waiting for its
/health to answer."""

from __future__ import annotations

import asyncio

import httpx

from bench.support.router_process import router_command as router_command  # re-exported


async def wait_for_health(port: int, attempts: int = 100) -> httpx.Response:
    """The first answer of the router's /health, polled every 0.1 s while nothing listens."""
    async with httpx.AsyncClient() as client:
        for _ in range(attempts):
            try:
                return await client.get(f"http://127.0.0.1:{port}/health")
            except httpx.ConnectError:
                await asyncio.sleep(0.1)
    raise AssertionError("router did not start")
