"""CMP_ENV=production: a subgraph answers only callers presenting the service credential — 401
and no data for anyone else, `_entities`, GET, GraphiQL and mutations included — while /health
and /ready stay open to probes. The router presents the credential on every fetch with the
client's token beside it: the subgraph acts for that user, for nobody when there is no token,
and as the service only for a request that itself presented the router's credential.

Production trusts no development issuer, so users sign in with the Saleor fake's tokenCreate.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from cmp.serving import RunningServer, free_port, start_server
from kernel.auth.authenticate import (
    ON_BEHALF_HEADER,
    ON_BEHALF_OF_CLIENT,
    SERVICE_TOKEN_HEADER,
)
from kernel.settings import BillingSettings, ControlPlaneSettings
from router.http.app import create_app as create_router_app
from router.pipeline import Router
from router.pipeline.service import RouterConfig
from subgraphs.billing.app import create_app as create_billing_app
from subgraphs.control_plane import models as control_plane_models
from subgraphs.control_plane.app import create_app as create_control_plane_app
from tests.conftest import SALEOR_APP_TOKEN, SERVICE_TOKEN, SUPERGRAPH_SDL, Stack
from tests.fakes.saleor.app import FakeSaleor

CREATE_ORG = """mutation($name: String!) { organizationCreate(input: {name: $name}) {
  organization { id } errors { code } } }"""
ORGANIZATION = "query($id: ID!) { organization(id: $id) { id name } }"
MINE = "{ organizations { id } }"
USER_ENTITY = """query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Organization { id name } } }"""


@dataclass
class Production:
    control_plane: RunningServer
    billing: RunningServer
    router: RunningServer
    stack: Stack
    http: httpx.AsyncClient

    @property
    def subgraphs(self) -> dict[str, str]:
        return {
            "control-plane": f"{self.control_plane.url}/graphql",
            "billing": f"{self.billing.url}/graphql",
        }

    async def post(
        self, url: str, query: str, variables: dict[str, Any] | None = None, /, **headers: str
    ) -> httpx.Response:
        return await self.http.post(
            url, json={"query": query, "variables": variables or {}}, headers=headers
        )

    async def shopper_token(self) -> str:
        saleor = FakeSaleor.of(self.stack.saleor_app, self.stack.saleor_url)
        shopper = saleor.data.add_user(password="pw")
        response = await self.post(
            self.stack.saleor_url,
            'mutation($e: String!) { tokenCreate(email: $e, password: "pw") { token } }',
            {"e": shopper.email},
        )
        token: str = response.json()["data"]["tokenCreate"]["token"]
        return token

    async def organizations_named(self, name: str) -> int:
        async with self.stack.control_plane_db.session() as session:
            count = await session.scalar(
                select(func.count())
                .select_from(control_plane_models.Organization)
                .where(control_plane_models.Organization.name == name)
            )
        return int(count or 0)


@pytest.fixture
async def production(
    stack: Stack, database_url: str, http: httpx.AsyncClient
) -> AsyncIterator[Production]:
    common: dict[str, Any] = {
        "database_url": database_url,
        "service_token": SERVICE_TOKEN,
        "environment": "production",
        "saleor_api_url": stack.saleor_url,
        "database_pool_size": 2,
    }
    control_plane_port, billing_port = free_port(), free_port()
    control_plane = await start_server(
        create_control_plane_app(
            ControlPlaneSettings(
                **common,
                billing_url=f"http://127.0.0.1:{billing_port}/graphql",
                saleor_app_token=SALEOR_APP_TOKEN,
            )
        ),
        port=control_plane_port,
    )
    billing = await start_server(
        create_billing_app(
            BillingSettings(
                **common, control_plane_url=f"http://127.0.0.1:{control_plane_port}/graphql"
            )
        ),
        port=billing_port,
    )
    urls = {
        **stack.subgraph_urls,
        "control-plane": f"{control_plane.url}/graphql",
        "billing": f"{billing.url}/graphql",
    }
    engine = Router.from_sdl(
        SUPERGRAPH_SDL, RouterConfig(subgraph_urls=urls, service_token=SERVICE_TOKEN)
    )
    router = await start_server(create_router_app(engine))
    try:
        yield Production(control_plane, billing, router, stack, http)
    finally:
        for server in (router, billing, control_plane):
            await server.stop()


async def test_without_the_credential_a_production_subgraph_answers_nothing(
    production: Production,
) -> None:
    token = await production.shopper_token()
    name = f"Sneaky {uuid.uuid4().hex[:8]}"
    for url in production.subgraphs.values():
        attempts = {
            "anonymous": await production.post(url, "{ _service { sdl } }"),
            "_entities": await production.post(
                url, USER_ENTITY, {"r": [{"__typename": "Organization", "id": str(uuid.uuid4())}]}
            ),
            "a user's valid token": await production.post(
                url, MINE, Authorization=f"Bearer {token}"
            ),
            "a wrong credential": await production.post(
                url, MINE, **{SERVICE_TOKEN_HEADER: "guess", "Authorization": f"Bearer {token}"}
            ),
            "the router's marker without the credential": await production.post(
                url, MINE, **{ON_BEHALF_HEADER: ON_BEHALF_OF_CLIENT}
            ),
            "a mutation": await production.post(
                url, CREATE_ORG, {"name": name}, Authorization=f"Bearer {token}"
            ),
            "GET": await production.http.get(url, params={"query": "{ __typename }"}),
            "GraphiQL": await production.http.get(url, headers={"accept": "text/html"}),
        }
        for what, response in attempts.items():
            assert response.status_code == 401, (url, what)
            body = response.json()
            assert "data" not in body, (url, what)
            assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        # Probes stay open and tell nothing but the state.
        base = url.removesuffix("/graphql")
        assert (await production.http.get(f"{base}/health")).status_code == 200
        ready = await production.http.get(f"{base}/ready")
        assert (ready.status_code, ready.json()) == (200, {"status": "ready", "database": "ok"})
    assert await production.organizations_named(name) == 0


async def test_with_the_credential_a_subgraph_acts_for_the_token_else_for_the_service(
    production: Production,
) -> None:
    owner, stranger = await production.shopper_token(), await production.shopper_token()
    router = f"{production.router.url}/graphql"
    created = await production.post(
        router, CREATE_ORG, {"name": "Prod Org"}, Authorization=f"Bearer {owner}"
    )
    org_id = created.json()["data"]["organizationCreate"]["organization"]["id"]
    url = production.subgraphs["control-plane"]
    credential = {SERVICE_TOKEN_HEADER: SERVICE_TOKEN}

    mine = await production.post(url, MINE, **credential, Authorization=f"Bearer {owner}")
    assert mine.json() == {"data": {"organizations": [{"id": org_id}]}}
    # The credential proves where the call comes from, not who it is for.
    theirs = await production.post(
        url, ORGANIZATION, {"id": org_id}, **credential, Authorization=f"Bearer {stranger}"
    )
    assert theirs.json()["data"] == {"organization": None}
    anonymous = await production.post(
        url, MINE, **credential, **{ON_BEHALF_HEADER: ON_BEHALF_OF_CLIENT}
    )
    assert anonymous.json()["data"] is None
    assert anonymous.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    service = await production.post(url, ORGANIZATION, {"id": org_id}, **credential)
    assert service.json() == {"data": {"organization": {"id": org_id, "name": "Prod Org"}}}


async def test_through_the_router_users_and_anonymous_clients_are_served_as_themselves(
    production: Production,
) -> None:
    owner = await production.shopper_token()
    router = f"{production.router.url}/graphql"
    created = await production.post(
        router, CREATE_ORG, {"name": "Via Router"}, Authorization=f"Bearer {owner}"
    )
    org_id = created.json()["data"]["organizationCreate"]["organization"]["id"]
    # control-plane and billing (both production) answer the router for the user.
    mine = await production.post(
        router, "{ organizations { id wallet { balance } } }", Authorization=f"Bearer {owner}"
    )
    assert mine.json() == {"data": {"organizations": [{"id": org_id, "wallet": {"balance": 0}}]}}
    # A client without a token is anonymous on the subgraphs, never the service.
    catalog = await production.post(router, "{ offerings(first: 1) { totalCount } }")
    assert "errors" not in catalog.json()
    nosy = await production.post(router, ORGANIZATION, {"id": org_id})
    assert nosy.json()["data"] == {"organization": None}
    wallet = await production.post(
        router, "query($o: ID!) { wallet(organizationId: $o) { balance } }", {"o": org_id}
    )
    assert wallet.json()["data"] == {"wallet": None}
    # The router's readiness probe presents the credential too.
    ready = await production.http.get(f"{production.router.url}/ready")
    assert ready.status_code == 200, ready.text
    assert ready.json()["subgraphs"]["control-plane"] == "ok"
    assert ready.json()["subgraphs"]["billing"] == "ok"
    # The webhook processor's way in: the router's own credential makes the request internal.
    internal = await production.post(
        router, ORGANIZATION, {"id": org_id}, **{SERVICE_TOKEN_HEADER: SERVICE_TOKEN}
    )
    assert internal.json()["data"] == {"organization": {"id": org_id, "name": "Via Router"}}
