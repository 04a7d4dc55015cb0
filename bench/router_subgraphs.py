"""Serve the shop fixture subgraphs (in-memory, graphql-core) for the router throughput
benchmark, one uvicorn server each, in this process: `python -m bench.router_subgraphs PORT...`
(ports in order: accounts, products, inventory, reviews)."""

from __future__ import annotations

import asyncio
import sys

from bench.support import shop
from cmp.serving import start_server


async def serve(ports: list[int]) -> None:
    subgraphs = shop.build()
    for subgraph in subgraphs:
        subgraph.record = False
    servers = [
        await start_server(subgraph.app(), port=port)
        for subgraph, port in zip(subgraphs, ports, strict=True)
    ]
    print("ready", flush=True)
    await asyncio.gather(*(server.task for server in servers))


if __name__ == "__main__":
    asyncio.run(serve([int(p) for p in sys.argv[1:]]))
