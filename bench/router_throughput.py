"""Requests per second through the router for a query touching three subgraphs
(products -> reviews -> accounts), over HTTP on loopback.

Three processes: the shop fixture subgraphs (in-memory), the router (`cmp router`, one uvicorn
worker) and this load generator (bench.peer_load: N keep-alive connections for D seconds).
Also measures the products subgraph alone as a baseline for the machine.

    .venv/bin/python -m bench.router_throughput [--seconds 10] [--concurrency 32]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

import httpx

from bench.peer_load import closed_loop
from bench.support import shop
from bench.support.fixture_subgraph import placeholder_url
from cmp.serving import free_port

QUERY = "query Top { topProducts(first: 3) { name price reviews { body author { name } } } }"
SUBGRAPHS = ["accounts", "products", "inventory", "reviews"]


async def _wait_for(url: str) -> None:
    async with httpx.AsyncClient() as client:
        for _ in range(200):
            try:
                await client.get(url)
                return
            except httpx.TransportError:
                await asyncio.sleep(0.05)
    raise RuntimeError(f"{url} did not come up")


async def _load(
    url: str, body: Mapping[str, object], seconds: float, concurrency: int
) -> tuple[float, list[float]]:
    # The raw-socket generator of the peer benchmark: httpx's pool cost more CPU than the
    # servers under test, so it measured itself (both lines used to read ~140 req/s).
    result = await closed_loop(url, [dict(body)], seconds, concurrency)
    if result.failures:
        raise RuntimeError(f"{result.failures} requests failed")
    return result.rate, result.latencies


def _report(label: str, rate: float, latencies: list[float]) -> None:
    ordered = sorted(latencies)
    p50 = statistics.median(ordered) * 1000
    p99 = ordered[int(len(ordered) * 0.99) - 1] * 1000
    print(f"{label:<34}{rate:>9.0f} req/s   p50 {p50:6.1f} ms   p99 {p99:6.1f} ms")


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=32)
    arguments = parser.parse_args()
    ports = {name: free_port() for name in SUBGRAPHS}
    sdl = shop.SUPERGRAPH.read_text()
    for name, port in ports.items():
        sdl = sdl.replace(placeholder_url(name), f"http://127.0.0.1:{port}/graphql")
    router_port = free_port()
    with tempfile.TemporaryDirectory() as directory:
        supergraph_file = Path(directory) / "supergraph.graphql"
        supergraph_file.write_text(sdl)
        subgraphs = subprocess.Popen(  # noqa: S603, ASYNC220 - fixed command
            [sys.executable, "-m", "bench.router_subgraphs", *(str(ports[n]) for n in SUBGRAPHS)],
            stdout=subprocess.DEVNULL,
        )
        router = subprocess.Popen(  # noqa: S603, ASYNC220 - fixed command
            [
                sys.executable,
                "-m",
                "cmp",
                "router",
                "--supergraph",
                str(supergraph_file),
                "--port",
                str(router_port),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            await _wait_for(f"http://127.0.0.1:{router_port}/health")
            for port in ports.values():
                await _wait_for(f"http://127.0.0.1:{port}/graphql")
            router_url = f"http://127.0.0.1:{router_port}/graphql"
            await _load(router_url, {"query": QUERY}, 1.0, arguments.concurrency)  # warm up
            rate, latencies = await _load(
                router_url, {"query": QUERY}, arguments.seconds, arguments.concurrency
            )
            _report("router, 3 subgraphs (3 fetches)", rate, latencies)
            direct = {"query": "{ topProducts(first: 3) { name price } }"}
            rate, latencies = await _load(
                f"http://127.0.0.1:{ports['products']}/graphql",
                direct,
                arguments.seconds / 2,
                arguments.concurrency,
            )
            _report("baseline: products subgraph alone", rate, latencies)
        finally:
            for process in (router, subgraphs):
                process.terminate()
                process.wait(timeout=10)


if __name__ == "__main__":
    asyncio.run(main())
