"""Our router against Apollo's JavaScript gateway (@apollo/gateway 2.x on @apollo/server), in
one run: the same fixture subgraphs (shop: accounts, products, inventory, reviews), the same
supergraph file, the same operations and the same closed-loop load for each. Checks first that
both answer every operation identically, then prints requests per second, p50 and p99.

    .venv/bin/python -m bench.peer_gateway [--seconds 10] [--connections 32]

Processes: the subgraphs (one Python process), our router (`cmp router`, one uvicorn worker),
the gateway (`node tools/apollo/gateway.mjs`, one Node process) and the load generator."""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import httpx

from bench.peer_load import LoadResult, closed_loop
from bench.support import shop
from bench.support.apollo import APOLLO_TOOLS, ensure_node_modules
from bench.support.fixture_subgraph import placeholder_url
from cmp.serving import free_port

SUBGRAPHS = ["accounts", "products", "inventory", "reviews"]
OPERATIONS: list[dict[str, Any]] = [
    {  # three subgraphs, three fetches in sequence
        "query": "query Top { topProducts(first: 3) "
        "{ name price reviews { body author { name } } } }",
        "operationName": "Top",
    },
    {  # @requires: inventory needs price and weight from products
        "query": "query Product($upc: String!) "
        "{ product(upc: $upc) { name inStock shippingEstimate } }",
        "variables": {"upc": "1"},
    },
    {"query": "{ me { name username } }"},  # one subgraph
]


async def _wait_for(url: str) -> None:
    async with httpx.AsyncClient() as client:
        for _ in range(300):
            try:
                await client.get(url)
                return
            except httpx.TransportError:
                await asyncio.sleep(0.1)
    raise RuntimeError(f"{url} did not come up")


def _comparable(body: dict[str, Any]) -> tuple[Any, list[tuple[str, Any]]]:
    """Data, and (message, path) of each error. @apollo/gateway reports a null in a non-null
    field (value completion) under extensions.valueCompletion instead of errors: same facts."""
    errors = body.get("errors", []) + body.get("extensions", {}).get("valueCompletion", [])
    return body.get("data"), sorted((e["message"], e.get("path")) for e in errors)


async def _same_answers(ours: str, theirs: str) -> None:
    async with httpx.AsyncClient(timeout=30) as client:
        for operation in OPERATIONS:
            a = (await client.post(ours, json=operation)).json()
            b = (await client.post(theirs, json=operation)).json()
            if _comparable(a) != _comparable(b) or not a.get("data"):
                raise SystemExit(f"different answers to {operation['query']}:\n{a}\n{b}")


def _line(label: str, result: LoadResult) -> str:
    return (
        f"{label:<22}{result.rate:>8.0f} req/s   p50 {result.percentile(0.5) * 1000:6.1f} ms"
        f"   p99 {result.percentile(0.99) * 1000:6.1f} ms   ({len(result.latencies)} ok, "
        f"{result.failures} failed)"
    )


def machine() -> str:
    cpu = "unknown CPU"
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    node = subprocess.run(  # noqa: S603 - fixed command
        [shutil.which("node") or "node", "--version"], capture_output=True, text=True, check=False
    )
    return (
        f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
        f"Node {node.stdout.strip()}"
    )


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--connections", type=int, default=32)
    arguments = parser.parse_args()
    node = shutil.which("node")
    if node is None:
        raise SystemExit("node is not installed: the peer benchmark needs Node.js")
    ensure_node_modules()
    ports = {name: free_port() for name in SUBGRAPHS}
    sdl = shop.SUPERGRAPH.read_text()
    for name, port in ports.items():
        sdl = sdl.replace(placeholder_url(name), f"http://127.0.0.1:{port}/graphql")
    ours_port, theirs_port = free_port(), free_port()
    env = {**os.environ, "CMP_ENV": "production"}  # both production-like: no playground
    with tempfile.TemporaryDirectory() as directory:
        supergraph_file = Path(directory) / "supergraph.graphql"
        supergraph_file.write_text(sdl)
        processes = [
            subprocess.Popen(  # noqa: S603, ASYNC220 - fixed commands
                [
                    sys.executable,
                    "-m",
                    "bench.router_subgraphs",
                    *(str(ports[n]) for n in SUBGRAPHS),
                ],
                stdout=subprocess.DEVNULL,
            ),
            subprocess.Popen(  # noqa: S603, ASYNC220
                [
                    sys.executable,
                    "-m",
                    "cmp",
                    "router",
                    "--supergraph",
                    str(supergraph_file),
                    "--port",
                    str(ours_port),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=env,
            ),
            subprocess.Popen(  # noqa: S603, ASYNC220
                [
                    node,
                    str(APOLLO_TOOLS / "gateway.mjs"),
                    "--supergraph",
                    str(supergraph_file),
                    "--port",
                    str(theirs_port),
                ],
                stdout=subprocess.DEVNULL,
                env={**env, "NODE_ENV": "production"},
            ),
        ]
        try:
            ours = f"http://127.0.0.1:{ours_port}/graphql"
            theirs = f"http://127.0.0.1:{theirs_port}/"
            await _wait_for(f"http://127.0.0.1:{ours_port}/health")
            await _wait_for(theirs)
            for port in ports.values():
                await _wait_for(f"http://127.0.0.1:{port}/graphql")
            await _same_answers(ours, theirs)
            print(f"machine: {machine()}")
            print(
                f"load: {arguments.connections} connections, {arguments.seconds:g} s each, "
                f"{len(OPERATIONS)} operations in turn; identical answers checked"
            )
            targets = {"our router": ours, "@apollo/gateway": theirs}
            for url in targets.values():
                await closed_loop(url, OPERATIONS, 2.0, arguments.connections)  # warm up
            # Two rounds in opposite orders, half the time each: neither always goes first.
            results = {label: LoadResult(0.0) for label in targets}
            for order in (list(targets), list(reversed(targets))):
                for label in order:
                    part = await closed_loop(
                        targets[label], OPERATIONS, arguments.seconds / 2, arguments.connections
                    )
                    results[label].merge(part)
            for label, result in results.items():
                print(_line(label, result), flush=True)
            ratio = results["our router"].rate / results["@apollo/gateway"].rate
            print(f"throughput ratio (ours / @apollo/gateway): {ratio:.2f}")
        finally:
            for process in processes:
                process.terminate()
                process.wait(timeout=10)


if __name__ == "__main__":
    asyncio.run(main())
