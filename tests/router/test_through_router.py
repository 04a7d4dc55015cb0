"""Our router in front of the real subgraphs (the session's stack): the caller's token reaches
every subgraph a query crosses, and the service credential is the router's business alone."""

from __future__ import annotations

import httpx

from cmp.serving import RunningServer
from kernel.auth.authenticate import SERVICE_TOKEN_HEADER
from kernel.auth.dev_issuer import DevIssuer
from tests.conftest import GraphQLPost
from tests.support.users import new_user

CREATE = """mutation { organizationCreate(input: {name: "Router Labs"}) {
  organization { id } errors { code } } }"""
MINE = "{ organizations { id members { role } wallet { balance available } } }"
ORGANIZATION = "query O($id: ID!) { organization(id: $id) { id wallet { balance } } }"


async def test_the_callers_token_reaches_every_subgraph(
    router: RunningServer, gql: GraphQLPost, dev_issuer: DevIssuer
) -> None:
    user = new_user(dev_issuer, "router")
    url = f"{router.url}/graphql"
    created = await gql(url, CREATE, token=user.token)
    org_id = created["data"]["organizationCreate"]["organization"]["id"]
    mine = await gql(url, MINE, token=user.token)
    assert "errors" not in mine, mine
    # control-plane answered organizations and members; billing the wallet: both saw the user.
    assert mine["data"]["organizations"] == [
        {"id": org_id, "members": [{"role": "OWNER"}], "wallet": {"balance": 0, "available": 0}}
    ]
    stranger = new_user(dev_issuer, "stranger")
    theirs = await gql(url, ORGANIZATION, {"id": org_id}, token=stranger.token)
    assert theirs["data"]["organization"] is None


async def test_the_service_credential_cannot_be_guessed_through_the_router(
    router: RunningServer, http: httpx.AsyncClient, dev_issuer: DevIssuer, gql: GraphQLPost
) -> None:
    user = new_user(dev_issuer, "owner")
    url = f"{router.url}/graphql"
    created = await gql(url, CREATE, token=user.token)
    org_id = created["data"]["organizationCreate"]["organization"]["id"]
    guessed = await http.post(
        url,
        json={"query": ORGANIZATION, "variables": {"id": org_id}},
        headers={SERVICE_TOKEN_HEADER: "guess"},
    )
    assert guessed.status_code == 401
    assert "data" not in guessed.json()
    # The webhook processor's way in: the right credential makes the request internal.
    internal = await gql(url, ORGANIZATION, {"id": org_id}, service=True)
    assert internal["data"]["organization"]["id"] == org_id, internal
