"""When billing's PostgreSQL goes away (a proxy in front of the shared server is cut; the server
itself keeps running for everyone else): /ready says 503, queries and mutations answer
UNAVAILABLE — not "Unexpected error." — with nothing about the database in the answer, the
detail is logged once per request with its request id and without a stack trace, nothing is
written, and everything works again once the database is back. Through the router, the rest of
an answer still arrives."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import httpx
import pytest

from cmp.serving import RunningServer, start_server
from kernel.settings import BillingSettings
from router.http.app import create_app as create_router_app
from router.pipeline import Router
from router.pipeline.service import RouterConfig
from subgraphs.billing.app import create_app
from tests.conftest import SERVICE_TOKEN, SUPERGRAPH_SDL
from tests.subgraphs.billing.conftest import ADJUST, WALLET_QUERY, Billing, key, live_resources
from tests.support.tcp_proxy import TcpProxy, database_proxy


@pytest.fixture
async def proxy(database_url: str) -> AsyncIterator[TcpProxy]:
    async with database_proxy(database_url) as proxy:
        yield proxy


@pytest.fixture
async def proxied_billing(
    billing: Billing, proxy: TcpProxy, database_url: str
) -> AsyncIterator[RunningServer]:
    """A billing subgraph like the session's, its database reached through `proxy`."""
    live = live_resources(billing.stack.billing).settings
    assert isinstance(live, BillingSettings)
    settings = live.model_copy(
        update={"database_url": proxy.url_through(database_url), "database_pool_size": 2}
    )
    server = await start_server(create_app(settings))
    try:
        yield server
    finally:
        await server.stop()


async def test_a_database_outage_is_unavailable_and_passes(
    billing: Billing,
    proxy: TcpProxy,
    proxied_billing: RunningServer,
    http: httpx.AsyncClient,
    caplog: pytest.LogCaptureFixture,
) -> None:
    owner, staff = billing.user(), billing.staff()
    org = await billing.funded(owner, 40)
    url = f"{proxied_billing.url}/graphql"

    async def wallet(request_id: str) -> httpx.Response:
        return await http.post(
            url,
            json={"query": WALLET_QUERY, "variables": {"org": org}},
            headers={"Authorization": f"Bearer {owner}", "X-Request-Id": request_id},
        )

    assert (await wallet("before")).json()["data"]["wallet"]["balance"] == 40
    assert (await http.get(f"{proxied_billing.url}/ready")).status_code == 200

    await proxy.cut()
    caplog.set_level(logging.INFO)
    ready = await http.get(f"{proxied_billing.url}/ready")
    assert (ready.status_code, ready.json()) == (
        503,
        {"status": "unavailable", "database": "unavailable"},
    )
    down = await wallet("during-outage-1")
    assert down.status_code == 200
    assert down.json()["data"] == {"wallet": None}
    (error,) = down.json()["errors"]
    assert error["message"] == "the database is unavailable; try again later"
    assert error["extensions"] == {"code": "UNAVAILABLE"}
    assert error["path"] == ["wallet"]
    assert str(proxy.port) not in down.text and "Connect" not in down.text
    adjusted = await http.post(
        url,
        json={
            "query": ADJUST,
            "variables": {
                "input": {
                    "organizationId": org,
                    "amount": 5,
                    "reason": "outage",
                    "idempotencyKey": key(),
                }
            },
        },
        headers={"Authorization": f"Bearer {staff}"},
    )
    assert adjusted.json()["data"] is None
    assert [e["extensions"]["code"] for e in adjusted.json()["errors"]] == ["UNAVAILABLE"]
    # One line per failed request, with its id and the detail; no stack traces.
    lines = [r for r in caplog.records if r.name == "subgraphs.errors"]
    assert any(
        "during-outage-1" in r.getMessage() and str(proxy.port) in r.getMessage() for r in lines
    )
    assert all(r.exc_info is None and r.levelno == logging.WARNING for r in lines)

    await proxy.restore()
    again = await wallet("after")
    assert again.json()["data"]["wallet"]["balance"] == 40  # the refused adjustment wrote nothing
    assert (await http.get(f"{proxied_billing.url}/ready")).status_code == 200
    assert (await billing.state(org)).balance == 40


async def test_through_the_router_the_rest_of_the_answer_arrives(
    billing: Billing, proxy: TcpProxy, proxied_billing: RunningServer, http: httpx.AsyncClient
) -> None:
    owner = billing.user()
    org = await billing.organization(owner)
    urls = {**billing.stack.subgraph_urls, "billing": f"{proxied_billing.url}/graphql"}
    engine = Router.from_sdl(
        SUPERGRAPH_SDL, RouterConfig(subgraph_urls=urls, service_token=SERVICE_TOKEN)
    )
    router = await start_server(create_router_app(engine))
    await proxy.cut()
    try:
        response = await http.post(
            f"{router.url}/graphql",
            json={
                "query": "query($o: ID!) { organizations { id } wallet(organizationId: $o) { balance } }",
                "variables": {"o": org},
            },
            headers={"Authorization": f"Bearer {owner}"},
        )
    finally:
        await router.stop()
    body = response.json()
    assert body["data"] == {"organizations": [{"id": org}], "wallet": None}
    (error,) = body["errors"]
    assert error["path"] == ["wallet"]
    assert error["extensions"] == {"code": "UNAVAILABLE", "service": "billing"}
