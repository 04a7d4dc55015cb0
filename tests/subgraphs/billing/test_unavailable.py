"""When control-plane cannot be reached: UNAVAILABLE errors, never a 500 or a stack trace."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from cmp.serving import RunningServer, free_port, start_server
from kernel.settings import BillingSettings
from subgraphs.billing.app import create_app
from tests.subgraphs.billing.conftest import GRANT, WALLET_QUERY, Billing, key, live_resources


@pytest.fixture
async def orphan_billing(
    billing: Billing, database_url: str, service_token: str
) -> AsyncIterator[RunningServer]:
    live_settings = live_resources(billing.stack.billing).settings
    settings = BillingSettings(
        database_url=database_url,
        service_token=service_token,
        environment="development",
        dev_issuer_key_file=live_settings.dev_issuer_key_file,
        database_pool_size=2,
        control_plane_url=f"http://127.0.0.1:{free_port()}/graphql",  # nobody listens
    )
    server = await start_server(create_app(settings))
    try:
        yield server
    finally:
        await server.stop()


async def test_control_plane_down_is_unavailable(
    billing: Billing, orphan_billing: RunningServer
) -> None:
    owner = billing.user()
    org = await billing.organization(owner)
    url = f"{orphan_billing.url}/graphql"

    async with httpx.AsyncClient() as http:
        response = await http.post(
            url,
            json={"query": WALLET_QUERY, "variables": {"org": org}},
            headers={"Authorization": f"Bearer {owner}"},
        )
    assert response.status_code == 200
    body = response.json()
    assert body["data"] == {"wallet": None}
    assert body["errors"][0]["extensions"]["code"] == "UNAVAILABLE"
    assert "Traceback" not in response.text
    assert "ConnectError" not in response.text

    grant = await billing.gql(
        url,
        GRANT,
        {
            "input": {
                "organizationId": org,
                "amount": 5,
                "kind": "PLAN_GRANT",
                "idempotencyKey": key(),
            }
        },
        service=True,
    )
    assert [e["code"] for e in grant["data"]["walletGrant"]["errors"]] == ["UNAVAILABLE"]
    assert (await billing.state(org)).entries == []
