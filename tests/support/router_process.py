"""`cmp router` as its own process, for the tests of the command itself (flags, workers,
memory): the command line, and waiting for its /health to answer."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import httpx


def router_command(supergraph: Path, port: int, *options: str) -> list[str]:
    """`python -m cmp router --supergraph … --port …` plus `options`, for subprocess: the
    console's entry, which reads these options without typer (cmp/entry.py)."""
    return [
        sys.executable,
        "-m",
        "cmp",
        "router",
        "--supergraph",
        str(supergraph),
        "--port",
        str(port),
        *options,
    ]


async def wait_for_health(port: int, attempts: int = 100) -> httpx.Response:
    """The first answer of the router's /health, polled every 0.1 s while nothing listens."""
    async with httpx.AsyncClient() as client:
        for _ in range(attempts):
            try:
                return await client.get(f"http://127.0.0.1:{port}/health")
            except httpx.ConnectError:
                await asyncio.sleep(0.1)
    raise AssertionError("router did not start")
