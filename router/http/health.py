"""GET /health: the process answers. GET /ready: every subgraph is asked `{ __typename }` with a
short timeout and reported; the router is ready (200, else 503) when all of ours answer. An
external one (Saleor) is reported but does not decide: without it the router still serves our
data, and pulling every router out of the load balancer would make things worse."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from router.executor import FetchFailure
from router.pipeline import Router


def health_endpoint(current: Callable[[], Router]) -> Callable[[Request], object]:
    async def health(_: Request) -> Response:
        return JSONResponse({"status": "ok", "subgraphs": sorted(current().supergraph.subgraphs)})

    return health


async def _probe(router: Router, url: str, seconds: float) -> str:
    try:
        response = await router.transport.post(
            url, {"query": "{ __typename }"}, timeout_seconds=seconds
        )
    except FetchFailure as failure:
        return str(failure)
    if response.data is None:
        return "; ".join(str(e.get("message")) for e in response.errors) or "no data"
    return "ok"


def readiness_endpoint(
    current: Callable[[], Router], timeout_seconds: float
) -> Callable[[Request], object]:
    async def ready(_: Request) -> Response:
        router = current()
        names = sorted(router.subgraph_urls)
        results = await asyncio.gather(
            *(_probe(router, router.subgraph_urls[n], timeout_seconds) for n in names)
        )
        subgraphs = dict(zip(names, results, strict=True))
        external = router.config.external_subgraphs
        ok = all(result == "ok" for name, result in subgraphs.items() if name not in external)
        return JSONResponse(
            {"status": "ready" if ok else "unavailable", "subgraphs": subgraphs},
            status_code=200 if ok else 503,
        )

    return ready
