"""The router on the project's supergraph (Saleor's whole schema: ~1.1 MB): start-up to ready,
memory, validation and planning of typical storefront documents, and the playground's
introspection (size, time).

    .venv/bin/python -m bench.router_startup [--starts 5] [--rounds 50] [--supergraph FILE]

Start-up spawns `cmp router` as an operator would (development settings, no DATABASE_URL, so no
webhook inbox) and polls GET /health every 10 ms: "ready" is the first 200 — without the
supergraph cache (ROUTER_CACHE_DIR=off: a first start) and with it (every later one). The
CPU seconds and RSS are the router process's own at that moment (/proc), less disturbed by other
load on the machine than wall time. Validation is graphql-core's against the API schema;
planning is a fresh planner per document (cold) and the router's caches (cached).
Introspection is GraphiQL's query, through the router's pipeline, first and repeated.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from graphql import get_introspection_query, parse, validate

from bench.support.router_process import router_command
from router.pipeline import Router
from router.pipeline.request import GraphQLRequest
from router.planner import QueryPlanner
from router.planner.normalize import normalize_operation
from router.supergraph import load_supergraph

ROOT = Path(__file__).resolve().parent.parent
SUPERGRAPH = ROOT / "schema" / "supergraph.graphql"
TICKS = os.sysconf("SC_CLK_TCK")

# What the storefront sends: catalog, product page, cart, payment, account, organizations.
DOCUMENTS: list[tuple[str, str]] = [
    (
        "catalog (where, sortBy, offering)",
        """query Catalog($channel: String!, $after: String) {
          products(channel: $channel, first: 24, after: $after,
                   where: {isAvailable: true, category: {oneOf: ["Q2F0ZWdvcnk6MQ=="]}},
                   sortBy: {field: PRICE, direction: ASC}) {
            totalCount pageInfo { hasNextPage endCursor }
            edges { node { id name slug thumbnail(size: 256) { url alt }
              pricing { priceRange { start { gross { amount currency } } } }
              offering { slug creditsPerRun
                plans { code includedCredits variant { id } } } } } } }""",
    ),
    (
        "product page",
        """query Product($slug: String!, $channel: String!) {
          product(slug: $slug, channel: $channel) { id name description seoTitle
            category { name slug } media { url alt }
            variants { id name sku quantityAvailable creditPack
              pricing { price { gross { amount currency } } } plan { code includedCredits } }
            offering { name description creditsPerRun } } }""",
    ),
    (
        "checkoutCreate",
        """mutation Cart($input: CheckoutCreateInput!) { checkoutCreate(input: $input) {
          checkout { id token email isShippingRequired totalPrice { gross { amount currency } }
            lines { id quantity variant { id name product { name } } } metadata { key value } }
          errors { field code message variants } } }""",
    ),
    (
        "payment + complete",
        """mutation Pay($id: ID!, $input: PaymentInput!) {
          checkoutPaymentCreate(id: $id, input: $input) { payment { id chargeStatus }
            errors { field code message } }
          checkoutComplete(id: $id) { order { id number status isPaid }
            errors { field code message } } }""",
    ),
    (
        "me: orders, instances, wallet",
        """query Me { me { email firstName
          orders(first: 10) { edges { node { id number created isPaid
            total { gross { amount currency } }
            instances { id name status offering { name } plan { code } } } } }
          organizations { id name wallet { balance available }
            instances(first: 10) { totalCount edges { node { id status
              runs(first: 3) { edges { node { status creditsCharged } } } } } } } } }""",
    ),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _proc(pid: int) -> tuple[float, float]:
    """(CPU seconds, RSS MB) of a process."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / TICKS
    rss = next(
        int(line.split()[1]) / 1024
        for line in Path(f"/proc/{pid}/status").read_text().splitlines()
        if line.startswith("VmRSS")
    )
    return cpu, rss


def start_once(supergraph: Path, cache_dir: str) -> tuple[float, float, float]:
    """(seconds to ready, CPU seconds, RSS MB) of one `cmp router` start."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SALEOR_API_URL")}
    env["ROUTER_CACHE_DIR"] = cache_dir
    started = time.perf_counter()
    process = subprocess.Popen(  # noqa: S603 - fixed command
        router_command(supergraph, port, "--no-reload"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=ROOT,
    )
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the router exited with {process.returncode}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.01)
        ready = time.perf_counter() - started
        cpu, rss = _proc(process.pid)
    finally:
        process.terminate()
        process.wait()
    return ready, cpu, rss


def _median_ms(action: Callable[[], object], rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--supergraph", type=Path, default=SUPERGRAPH)
    options = parser.parse_args()
    sdl = options.supergraph.read_text()
    print(f"supergraph: {options.supergraph} ({len(sdl.encode()) / 1e6:.2f} MB)")

    with tempfile.TemporaryDirectory() as cache:
        start_once(options.supergraph, cache)  # fills the cache
        for label, cache_dir in (("no cache", "off"), ("cached", cache)):
            starts = [start_once(options.supergraph, cache_dir) for _ in range(options.starts)]
            ready = sorted(s[0] for s in starts)
            print(
                f"start-up to ready, {label}: median {statistics.median(ready):.2f} s, "
                f"best {ready[0]:.2f} s (CPU {statistics.median(s[1] for s in starts):.2f} s, "
                f"RSS {statistics.median(s[2] for s in starts):.0f} MB at ready; "
                f"{len(starts)} starts)"
            )

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    loads = []
    for _ in range(3):
        start = time.perf_counter()
        supergraph = load_supergraph(sdl)
        loads.append(time.perf_counter() - start)
    router = Router(supergraph)
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"supergraph load in-process: median {statistics.median(loads):.2f} s; "
        f"this process's peak RSS {rss_before:.0f} -> {rss_after:.0f} MB"
    )

    schema = supergraph.api_schema
    print(
        f"\n{'document':<32}{'parse+validate ms':>18}{'plan cold ms':>14}"
        f"{'cached µs':>11}{'fetches':>9}"
    )
    for label, query in DOCUMENTS:
        document = parse(query)
        assert not validate(schema, document), validate(schema, document)

        def checked(query: str = query) -> object:
            return validate(schema, parse(query))

        def planned(query: str = query) -> object:
            operation = normalize_operation(schema, parse(query))
            return QueryPlanner(supergraph).plan(operation)

        def cached(query: str = query) -> object:
            prepared = router.preparer.prepare(query, None)
            assert prepared.operation is not None
            return router.plans.plan(prepared.operation, frozenset())

        plan = planned()
        fetches = str(plan).count("Fetch(service:")
        print(
            f"{label:<32}{_median_ms(checked, options.rounds):>18.2f}"
            f"{_median_ms(planned, options.rounds):>14.2f}"
            f"{_median_ms(cached, options.rounds) * 1000:>11.1f}{fetches:>9}"
        )

    query = get_introspection_query(descriptions=True, input_value_deprecation=True)

    async def introspect() -> tuple[float, int]:
        start = time.perf_counter()
        result = await router.handle(
            GraphQLRequest(query=query, operation_name="IntrospectionQuery")
        )
        elapsed = time.perf_counter() - start
        assert "errors" not in result, result.get("errors")
        return elapsed, len(json.dumps(result).encode())

    async def introspections() -> None:
        first, size = await introspect()
        again = sorted([(await introspect())[0] for _ in range(5)])
        print(
            f"\nplayground introspection: {size / 1e6:.2f} MB of JSON; first {first:.2f} s, "
            f"then median {statistics.median(again) * 1000:.0f} ms"
        )
        await router.close()

    asyncio.run(introspections())


if __name__ == "__main__":
    main()
