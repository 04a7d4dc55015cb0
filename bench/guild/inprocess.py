"""The router's own CPU per request on The Guild's workload, without sockets: the request
pipeline (prepared-operation and plan caches, execution, response assembly, JSON encoding) in
one process, each subgraph answer replayed from memory (computed once by the benchmark's
graphql-core subgraphs). Steadier than the HTTP benchmark on a shared machine, and what to
watch when changing the executor:

    .venv/bin/python -m bench.guild.inprocess [--requests 300] [--profile] [--tracing]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import time
from collections.abc import Collection, Mapping, Sequence
from typing import Any

import orjson
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export import SpanExporter, SpanExportResult

from bench.guild import operation
from bench.guild.responder import Responder
from bench.guild.run import compose_supergraph
from bench.guild.subgraphs import NAMES, build
from kernel import telemetry
from router.executor import COMPILED, RequestContext
from router.executor.transport import SubgraphResponse, SubgraphTransport, _graphql_response
from router.pipeline import GraphQLRequest, Router, RouterConfig
from router.telemetry import instrument_router

PORTS = {name: 40_000 + index for index, name in enumerate(NAMES)}  # never connected to


class ReplayTransport(SubgraphTransport):
    def __init__(self) -> None:
        super().__init__()
        schemas = {s.name: s.schema() for s in build()}
        self.responders = {
            f"http://127.0.0.1:{port}/graphql": Responder(schemas[name], [0, 0])
            for name, port in PORTS.items()
        }
        self.answers: dict[tuple[str, bytes], bytes] = {}

    async def post(
        self,
        url: str,
        body: dict[str, Any] | bytes,
        headers: Mapping[str, str] | None = None,
        timeout_seconds: float | None = None,
        keep_headers: Collection[str] = (),
        deduplicate: bool = False,
        query: bool = False,
    ) -> SubgraphResponse:
        payload = body if isinstance(body, bytes) else orjson.dumps(body)
        answer = self.answers.get((url, payload))
        if answer is None:
            raw = self.responders[url].answer(payload)
            answer = self.answers[(url, payload)] = raw.split(b"\r\n\r\n", 1)[1]
        return _graphql_response(200, answer, [])


class _Discard(SpanExporter):
    """Spans batched as in production, then dropped: what tracing costs the router itself."""

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        return SpanExportResult.SUCCESS


async def measure(requests: int, profile: bool, tracing: bool = False) -> None:
    transport = ReplayTransport()
    router = Router.from_sdl(compose_supergraph(PORTS), RouterConfig())
    router.transport = router.executor.transport = transport
    if tracing:
        # Stage and fetch spans (the HTTP request span is not in this benchmark).
        telemetry.use_exporter(_Discard(), batched=True)
        instrument_router(router)
    pending = [GraphQLRequest(b["query"], b["operationName"]) for b in operation.bodies()]
    for request in pending:  # every operation planned and every answer computed
        assert "errors" not in await router.handle(request, RequestContext())
    profiler = cProfile.Profile() if profile else None
    started = time.process_time()
    if profiler:
        profiler.enable()
    for index in range(requests):
        orjson.dumps(await router.handle(pending[index % len(pending)], RequestContext()))
    if profiler:
        profiler.disable()
    cpu = time.process_time() - started
    traced = ", traced" if tracing else ""
    print(
        f"router pipeline, no sockets{traced}: {cpu * 1000 / requests:.2f} ms CPU per request "
        f"(executor {'compiled' if COMPILED else 'pure Python'}; load average "
        f"{os.getloadavg()[0]:.1f})"
    )
    if profiler:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--profile", action="store_true", help="cProfile, by own time")
    parser.add_argument(
        "--tracing", action="store_true", help="with OpenTelemetry spans (exported nowhere)"
    )
    arguments = parser.parse_args()
    asyncio.run(measure(arguments.requests, arguments.profile, arguments.tracing))


if __name__ == "__main__":
    main()
