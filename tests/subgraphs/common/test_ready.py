"""GET /ready on a subgraph (Kubernetes' readiness probe): 200 while its database answers, 503
— quickly, naming the reason — when it does not; /health stays 200 either way."""

from __future__ import annotations

import time

import httpx

from cmp.serving import free_port, start_server
from kernel.readiness import READY_TIMEOUT_SECONDS
from kernel.settings import BillingSettings
from subgraphs.billing.app import create_app as create_billing_app
from tests.conftest import Stack


async def test_ready_when_the_database_answers(stack: Stack, http: httpx.AsyncClient) -> None:
    for server, name in (
        (stack.control_plane, "control-plane"),
        (stack.billing, "billing"),
        (stack.execution, "execution"),
    ):
        response = await http.get(f"{server.url}/ready")
        assert response.status_code == 200
        assert response.json() == {"status": "ready", "database": "ok"}, name


async def test_not_ready_without_a_database_but_alive(http: httpx.AsyncClient) -> None:
    # A port nobody listens on: connections are refused at once.
    unreachable = f"postgresql://cmp:cmp@127.0.0.1:{free_port()}/cmp"
    settings = BillingSettings(
        database_url=unreachable,
        service_token="ready-test",
        environment="production",
        control_plane_url=f"http://127.0.0.1:{free_port()}/graphql",
    )
    server = await start_server(create_billing_app(settings))
    try:
        started = time.monotonic()
        response = await http.get(f"{server.url}/ready")
        assert time.monotonic() - started < READY_TIMEOUT_SECONDS + 1
        assert response.status_code == 503
        assert response.json() == {"status": "unavailable", "database": "unavailable"}
        assert unreachable not in response.text
        assert (await http.get(f"{server.url}/health")).status_code == 200
    finally:
        await server.stop()
