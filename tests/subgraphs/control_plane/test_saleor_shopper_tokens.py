"""A shopper signed in to the storefront with Saleor's `tokenCreate` (the fake's: RS256, JWKS at
its host's /.well-known/jwks.json, `iss` = its API URL) uses that token on our subgraphs and
through the router; forged, expired or foreign Saleor-shaped tokens are refused."""

from __future__ import annotations

import time
from typing import Any

import jwt
import pytest

from cmp.serving import RunningServer
from tests.conftest import GraphQLPost, Stack
from tests.fakes.saleor.app import FakeSaleor
from tests.fakes.saleor.auth import SaleorKey
from tests.fakes.saleor.data import User

CREATE_ORG = """mutation($i: OrganizationCreateInput!) { organizationCreate(input: $i) {
  organization { id name members { role status user { id } } } errors { code } } }"""
USER_ORGS = """query($r: [_Any!]!) { _entities(representations: $r) {
  ... on User { id organizations { id name } } } }"""


@pytest.fixture
def saleor(stack: Stack) -> FakeSaleor:
    return FakeSaleor.of(stack.saleor_app, stack.saleor_url)


async def sign_in(gql: GraphQLPost, stack: Stack, user: User, password: str) -> str:
    body = await gql(
        stack.saleor_url,
        """mutation($e: String!, $p: String!) { tokenCreate(email: $e, password: $p) {
          token errors { code } } }""",
        {"e": user.email, "p": password},
    )
    assert body["data"]["tokenCreate"]["errors"] == [], body
    token: str = body["data"]["tokenCreate"]["token"]
    return token


async def test_a_saleor_shoppers_token_works_on_our_subgraphs_and_the_router(
    stack: Stack, gql: GraphQLPost, saleor: FakeSaleor, router: RunningServer
) -> None:
    shopper = saleor.data.add_user(password="pw")
    token = await sign_in(gql, stack, shopper, "pw")
    assert jwt.decode(token, options={"verify_signature": False})["iss"] == stack.saleor_url

    created = await gql(stack.control_plane_url, CREATE_ORG, {"i": {"name": "Shop"}}, token=token)
    payload = created["data"]["organizationCreate"]
    assert payload["errors"] == []
    org = payload["organization"]
    # The membership is the Saleor User the token names (its `user_id` claim).
    assert org["members"] == [{"role": "OWNER", "status": "ACTIVE", "user": {"id": shopper.id}}]
    reps = {"r": [{"__typename": "User", "id": shopper.id}]}
    entities = await gql(stack.control_plane_url, USER_ORGS, reps, token=token)
    assert entities == {
        "data": {
            "_entities": [{"id": shopper.id, "organizations": [{"id": org["id"], "name": "Shop"}]}]
        }
    }
    wallet = await gql(
        stack.billing_url,
        "query($o: ID!) { wallet(organizationId: $o) { balance } }",
        {"o": org["id"]},
        token=token,
    )
    assert wallet == {"data": {"wallet": {"balance": 0}}}
    # Through the router: Saleor's `me` (verified by the fake) joined to our organizations.
    me = await gql(
        f"{router.url}/graphql",
        "{ me { id email organizations { name wallet { balance } } } }",
        token=token,
    )
    assert me == {
        "data": {
            "me": {
                "id": shopper.id,
                "email": shopper.email,
                "organizations": [{"name": "Shop", "wallet": {"balance": 0}}],
            }
        }
    }


async def test_forged_expired_and_foreign_tokens_are_refused(
    stack: Stack, gql: GraphQLPost, saleor: FakeSaleor
) -> None:
    shopper = saleor.data.add_user(password="pw")
    genuine = await sign_in(gql, stack, shopper, "pw")
    claims: dict[str, Any] = jwt.decode(genuine, options={"verify_signature": False})
    impostor = SaleorKey()
    same_kid = SaleorKey()
    same_kid.kid = saleor.key.kid  # another key claiming to be Saleor's
    now = int(time.time())
    refused = {
        "forged with Saleor's kid": same_kid.encode(claims),
        "signed by an unknown key": impostor.encode(claims),
        "expired": saleor.key.encode({**claims, "iat": now - 900, "exp": now - 600}),
        "another issuer": saleor.key.encode({**claims, "iss": "https://evil.example/graphql/"}),
        "a refresh token": saleor.key.encode({**claims, "type": "refresh"}),
        "tampered claims": genuine.replace(
            genuine.split(".")[1], impostor.encode({**claims, "is_staff": True}).split(".")[1]
        ),
    }
    for why, token in refused.items():
        created = await gql(
            stack.control_plane_url, CREATE_ORG, {"i": {"name": "Nope"}}, token=token
        )
        payload = created["data"]["organizationCreate"]
        assert payload["organization"] is None, why
        assert [e["code"] for e in payload["errors"]] == ["UNAUTHENTICATED"], why
        mine = await gql(stack.control_plane_url, "{ organizations { id } }", token=token)
        assert mine["data"] is None or mine["data"].get("organizations") is None, why
        assert mine["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED", why
    # Nothing was created for the shopper by any of them.
    mine = await gql(stack.control_plane_url, "{ organizations { id } }", token=genuine)
    assert mine == {"data": {"organizations": []}}
