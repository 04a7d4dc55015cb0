"""GET /health: the process answers. GET /ready: the router can serve, i.e. what it depends on
answers, each within a short timeout:

- every subgraph of ours answers `{ __typename }` — asked with the router's service credential,
  as every fetch is, so a production subgraph refusing the credential (a wrong
  CMP_SERVICE_TOKEN) shows up here as well as a subgraph that is down;
- the extra checks of what the host mounts (the Saleor webhook inbox's database).

An external subgraph (Saleor) is reported but does not decide: without it the router still
serves our data, and pulling every router out of the load balancer would make things worse. A
subgraph's own database is its own /ready's business. The answer says "ok" or "unavailable"
per dependency, never an address or an error text (it is reachable without credentials); the
detail goes to the log."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from kernel.auth.service_header import SERVICE_TOKEN_HEADER
from kernel.readiness import Check
from router.executor import FetchFailure
from router.pipeline import Router

log = logging.getLogger("router.ready")
OK = "ok"
UNAVAILABLE = "unavailable"


def health_endpoint(current: Callable[[], Router]) -> Callable[[Request], object]:
    async def health(_: Request) -> Response:
        return JSONResponse({"status": "ok", "subgraphs": sorted(current().supergraph.subgraphs)})

    return health


async def _probe(router: Router, name: str, seconds: float) -> str:
    external = name in router.config.external_subgraphs
    token = router.config.service_token
    headers = {SERVICE_TOKEN_HEADER: token} if token and not external else None
    try:
        response = await router.transport.post(
            router.subgraph_urls[name], {"query": "{ __typename }"}, headers, seconds
        )
    except FetchFailure as failure:
        log.warning("ready: subgraph %s unavailable: %s", name, failure)
        return UNAVAILABLE
    if response.data is None:
        messages = "; ".join(str(e.get("message")) for e in response.errors) or "no data"
        log.warning("ready: subgraph %s unavailable: %s", name, messages)
        return UNAVAILABLE
    return OK


async def _check(name: str, check: Check, seconds: float) -> str:
    try:
        async with asyncio.timeout(seconds):
            ok = await check()
    except Exception:
        log.warning("ready: %s check failed", name, exc_info=True)
        ok = False
    if not ok:
        log.warning("ready: %s unavailable", name)
    return OK if ok else UNAVAILABLE


def readiness_endpoint(
    current: Callable[[], Router],
    timeout_seconds: float,
    checks: Mapping[str, Check] | None = None,
) -> Callable[[Request], object]:
    extra = dict(checks or {})

    async def ready(_: Request) -> Response:
        router = current()
        names = sorted(router.subgraph_urls)
        checked = sorted(extra)
        results = await asyncio.gather(
            *(_probe(router, n, timeout_seconds) for n in names),
            *(_check(n, extra[n], timeout_seconds) for n in checked),
        )
        subgraphs = dict(zip(names, results[: len(names)], strict=True))
        dependencies = dict(zip(checked, results[len(names) :], strict=True))
        external = router.config.external_subgraphs
        ok = all(result == OK for name, result in subgraphs.items() if name not in external)
        ok = ok and all(result == OK for result in dependencies.values())
        body: dict[str, object] = {
            "status": "ready" if ok else "unavailable",
            "subgraphs": subgraphs,
        }
        if dependencies:
            body["dependencies"] = dependencies
        return JSONResponse(body, status_code=200 if ok else 503)

    return ready
