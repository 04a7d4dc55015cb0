"""The Saleor fake where commerce needs it, over real HTTP: its JWKS and `tokenCreate` tokens
(verified the way our subgraphs verify Saleor's), `me` from a real token, orders for app
tokens only, and ORDER_FULLY_PAID deliveries that our webhook verifier accepts — shaped like
the real captures in tests/fixtures/saleor/webhook-samples/."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import jwt
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from cmp.serving import RunningServer, start_server
from kernel.auth.authenticate import saleor_jwks_url
from kernel.auth.jwks import RemoteKeySource
from kernel.auth.tokens import TokenVerifier, TrustedIssuer
from tests import conftest
from tests.fakes.saleor import create_app
from tests.fakes.saleor.app import APP_TOKEN, FakeSaleor
from tests.fakes.saleor.auth import SaleorKey, thumbprint
from tests.fakes.saleor.data import Order
from tests.fakes.saleor.webhooks import SHAPES, PayloadShape
from tests.fakes.test_saleor_fake import TOKEN_CREATE, post, sign_in
from tests.fixtures import SALEOR_WEBHOOK_SAMPLES
from webhooks.saleor.payload import order_id_of
from webhooks.saleor.signature import SaleorSignatureVerifier, SignatureRejected

SAMPLE_OF: dict[PayloadShape, str] = {
    "legacy": "order_fully_paid.legacy.jws.json",
    "subscription": "order_fully_paid.subscription.json",
    "subscription-toplevel": "order_fully_paid.subscription-toplevel-filtered.json",
}
ORDER = """query($id: ID!) { order(id: $id) { id number isPaid userEmail user { id email }
  metadata { key value } lines { id quantity variant { id } } } }"""
SAleor_CLAIMS = {"iat", "exp", "iss", "owner", "token", "email", "type", "user_id", "is_staff"}


@pytest.fixture(scope="module")
async def served() -> AsyncIterator[tuple[RunningServer, FakeSaleor]]:
    app = create_app()
    server = await start_server(app)
    yield server, FakeSaleor.of(app, f"{server.url}/graphql/")
    await server.stop()


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def header_of(token: str) -> dict[str, Any]:
    segment = token.split(".")[0]
    decoded: dict[str, Any] = json.loads(base64.urlsafe_b64decode(segment + "=" * 4))
    return decoded


# ---------------------------------------------------------------------------- tokens


async def test_token_create_issues_saleors_access_token_signed_by_the_served_jwks(
    served: tuple[RunningServer, FakeSaleor],
) -> None:
    server, fake = served
    staff = fake.data.add_user(password="s3cret", is_staff=True)
    body = await post(
        server, {"query": TOKEN_CREATE, "variables": {"e": staff.email, "p": "s3cret"}}
    )
    payload = body.json()["data"]["tokenCreate"]
    assert payload["errors"] == []
    assert payload["user"] == {"id": staff.id, "email": staff.email, "isStaff": True}
    async with httpx.AsyncClient() as http:
        jwks = (await http.get(f"{server.url}/.well-known/jwks.json")).json()
    [key] = jwks["keys"]
    assert list(key) == ["kty", "key_ops", "n", "e", "use", "kid", "alg"]  # as Saleor serves
    assert key["kid"] == thumbprint(key) == fake.key.kid
    assert header_of(payload["token"]) == {"alg": "RS256", "kid": key["kid"], "typ": "JWT"}
    claims = jwt.decode(payload["token"], jwt.PyJWK(key).key, algorithms=["RS256"])
    assert set(claims) == SAleor_CLAIMS
    assert claims["exp"] - claims["iat"] == 300
    assert abs(claims["iat"] - time.time()) < 60
    assert {k: claims[k] for k in ("iss", "owner", "email", "type", "user_id", "is_staff")} == {
        "iss": f"{server.url}/graphql/",
        "owner": "saleor",
        "email": staff.email,
        "type": "access",
        "user_id": staff.id,
        "is_staff": True,
    }
    assert claims["token"] == staff.token_key
    refresh = jwt.decode(payload["refreshToken"], jwt.PyJWK(key).key, algorithms=["RS256"])
    assert refresh["type"] == "refresh" and refresh["csrfToken"] == payload["csrfToken"]
    assert refresh["exp"] - refresh["iat"] == 30 * 24 * 3600


async def test_our_token_verifier_accepts_the_fakes_tokens(
    served: tuple[RunningServer, FakeSaleor],
) -> None:
    server, fake = served
    shopper = fake.data.add_user(password="pw")
    token = await sign_in(server, shopper.email, "pw")
    api_url = f"{server.url}/graphql/"
    async with httpx.AsyncClient() as http:
        verifier = TokenVerifier(
            [TrustedIssuer(api_url, RemoteKeySource(saleor_jwks_url(api_url), http))]
        )
        principal = await verifier.verify(token)
    assert (principal.user_id, principal.email, principal.is_staff) == (
        shopper.id,
        shopper.email,
        False,
    )


async def test_token_create_refuses_like_saleor(served: tuple[RunningServer, FakeSaleor]) -> None:
    server, fake = served
    inactive = fake.data.add_user(password="pw")
    inactive.is_active = False
    no_password = fake.data.add_user(password=None)
    invalid = [
        {
            "field": "email",
            "message": "Please, enter valid credentials",
            "code": "INVALID_CREDENTIALS",
        }
    ]
    cases = [
        ("alice@example.com", "wrong", invalid),
        ("nobody@example.com", "alice-password", invalid),
        (no_password.email, "", invalid),
        (inactive.email, "wrong", invalid),
        (
            inactive.email,
            "pw",
            [{"field": "email", "message": "Account inactive.", "code": "INACTIVE"}],
        ),
    ]
    for email, password, errors in cases:
        body = await post(server, {"query": TOKEN_CREATE, "variables": {"e": email, "p": password}})
        assert body.json()["data"]["tokenCreate"] == {
            "token": None,
            "refreshToken": None,
            "csrfToken": None,
            "user": None,
            "errors": errors,
        }, email


async def test_me_is_the_verified_tokens_user(served: tuple[RunningServer, FakeSaleor]) -> None:
    server, fake = served
    token = await sign_in(server, "bob@example.com", "bob-password")
    me = "{ me { id email } }"
    body = (await post(server, {"query": me}, auth(token))).json()
    assert body == {"data": {"me": {"id": fake.data.users[1].id, "email": "bob@example.com"}}}
    assert (await post(server, {"query": me})).json() == {"data": {"me": None}}
    assert (await post(server, {"query": me}, auth(APP_TOKEN))).json() == {"data": {"me": None}}
    claims = jwt.decode(token, options={"verify_signature": False})
    impostor = SaleorKey()
    impostor.kid = fake.key.kid  # same kid, other key: a forgery
    refresh = await post(
        server,
        {"query": TOKEN_CREATE, "variables": {"e": "bob@example.com", "p": "bob-password"}},
    )
    refused = {
        "bob@example.com": "DecodeError",  # the email-as-token shortcut is gone
        impostor.encode(claims): "InvalidSignatureError",
        fake.key.encode({**claims, "iat": 1, "exp": 2}): "ExpiredSignatureError",
        refresh.json()["data"]["tokenCreate"]["refreshToken"]: "InvalidTokenError",
        fake.key.encode({**claims, "token": "revoked"}): "InvalidTokenError",
    }
    for bad, code in refused.items():
        body = (await post(server, {"query": me}, auth(bad))).json()
        assert body["data"] == {"me": None}, code
        assert [e["extensions"]["exception"]["code"] for e in body["errors"]] == [code]


# ---------------------------------------------------------------------------- orders


async def test_order_is_read_with_an_app_token_only(
    served: tuple[RunningServer, FakeSaleor],
) -> None:
    server, fake = served
    shopper = fake.data.add_user()
    product = fake.data.add_product("Coder Agent", [("Solo", 19.0), ("Team", 99.0)])
    order = fake.data.add_order(
        shopper,
        lines=[(product.variants[0].pk, 2), (product.variants[1].pk, 1)],
        metadata={"cmp.organization": "org-42"},
        paid=False,
    )
    assert conftest.SALEOR_APP_TOKEN == APP_TOKEN  # what the stack gives control-plane
    body = (
        await post(server, {"query": ORDER, "variables": {"id": order.id}}, auth(APP_TOKEN))
    ).json()
    assert body == {
        "data": {
            "order": {
                "id": order.id,
                "number": order.number,
                "isPaid": False,
                "userEmail": shopper.email,
                "user": {"id": shopper.id, "email": shopper.email},
                "metadata": [{"key": "cmp.organization", "value": "org-42"}],
                "lines": [
                    {
                        "id": order.lines[0].id,
                        "quantity": 2,
                        "variant": {"id": product.variants[0].id},
                    },
                    {
                        "id": order.lines[1].id,
                        "quantity": 1,
                        "variant": {"id": product.variants[1].id},
                    },
                ],
            }
        }
    }
    assert base64.b64decode(order.id).decode().startswith("Order:")  # a UUID pk, like 3.22's
    shopper_token = await sign_in(server, shopper.email, "password")
    for headers in ({}, auth(shopper_token), auth("not-an-app-token")):
        denied = (
            await post(server, {"query": ORDER, "variables": {"id": order.id}}, headers)
        ).json()
        assert denied["data"] == {"order": None}
        [error] = denied["errors"]
        assert error["path"] == ["order"]
        if headers.get("Authorization") == "Bearer not-an-app-token":
            assert error["extensions"] == {"exception": {"code": "DecodeError"}}
        else:
            # saleor.core.exceptions.PermissionDenied, as 3.22 words it
            assert error["message"] == (
                "To access this path, you need one of the following permissions: MANAGE_ORDERS"
            )
            assert error["extensions"] == {"exception": {"code": "PermissionDenied"}}
    unknown = fake.data.add_order(shopper, [])
    fake.data.orders.remove(unknown)
    assert (
        await post(server, {"query": ORDER, "variables": {"id": unknown.id}}, auth(APP_TOKEN))
    ).json() == {"data": {"order": None}}


async def test_app_tokens_are_configurable() -> None:
    app = create_app(app_tokens=["app-one", "app-two"])
    server = await start_server(app)
    try:
        order_id = FakeSaleor.of(app).data.orders[0].id
        for token, readable in (("app-one", True), ("app-two", True), (APP_TOKEN, False)):
            body = (
                await post(server, {"query": ORDER, "variables": {"id": order_id}}, auth(token))
            ).json()
            assert (body["data"]["order"] is not None) is readable, token
    finally:
        await server.stop()


# ---------------------------------------------------------------------------- webhooks


def shape_differences(ours: Any, real: Any, path: str = "") -> list[str]:
    """Where our payload's structure differs from a real one: object keys all the way down
    (lists by their first item). Values, nulls, empty lists and metadata maps are data."""
    if isinstance(ours, dict) and isinstance(real, dict):
        found = [f"{path}.{k}: {'extra' if k in ours else 'missing'}" for k in ours.keys() ^ real]
        for key in ours.keys() & real.keys():
            if key not in ("metadata", "private_metadata"):
                found += shape_differences(ours[key], real[key], f"{path}.{key}")
        return found
    if isinstance(ours, list) and isinstance(real, list) and ours and real:
        return shape_differences(ours[0], real[0], f"{path}[0]")
    return []


def paid_order(fake: FakeSaleor) -> Order:
    shopper = fake.data.add_user()
    product = fake.data.add_product("Webhook Agent", [("Solo", 8.99)])
    return fake.data.add_order(
        shopper, [(product.variants[0].pk, 2)], metadata={"cmp.organization": "org-7"}
    )


@pytest.mark.parametrize("shape", SHAPES)
async def test_deliveries_are_signed_like_saleors_and_verify(
    served: tuple[RunningServer, FakeSaleor], shape: PayloadShape
) -> None:
    server, fake = served
    order = paid_order(fake)
    received: list[tuple[dict[str, str], bytes]] = []

    async def receive(request: Request) -> Response:
        received.append((dict(request.headers), await request.body()))
        return Response(status_code=200)

    target = await start_server(Starlette(routes=[Route("/hook", receive, methods=["POST"])]))
    try:
        response = await fake.send_order_fully_paid(f"{target.url}/hook", order, shape)
    finally:
        await target.stop()
    assert response.status_code == 200
    [(headers, body)] = received
    assert fake.deliveries[-1].body == body and fake.deliveries[-1].status_code == 200
    domain = server.url.removeprefix("http://")
    assert {k: headers[k] for k in ("saleor-event", "saleor-domain", "saleor-api-url")} == {
        "saleor-event": "order_fully_paid",
        "saleor-domain": domain,
        "saleor-api-url": f"{server.url}/graphql/",
    }
    assert headers["x-saleor-signature"] == headers["saleor-signature"]
    protected = headers["saleor-signature"].split("..")[0]
    assert header_of(protected + ".") == {
        "alg": "RS256",
        "b64": False,
        "crit": ["b64"],
        "kid": fake.key.kid,
        "typ": "JWT",
    }
    assert order_id_of(body) == order.id
    async with httpx.AsyncClient() as http:
        verifier = SaleorSignatureVerifier.for_api_urls([f"{server.url}/graphql/"], http)
        assert (await verifier.verify(headers, body)).event == "order_fully_paid"
        with pytest.raises(SignatureRejected, match="does not match"):
            await verifier.verify(headers, body + b" ")
    # Same structure as what real Saleor 3.22 sent.
    real = json.loads((SALEOR_WEBHOOK_SAMPLES / SAMPLE_OF[shape]).read_text())
    assert shape_differences(json.loads(body), json.loads(real["body_raw"])) == []
    assert {k.lower() for k in real["request_headers"]} >= set(headers) - {
        "host",
        "content-length",
        "accept",
        "accept-encoding",
        "connection",
    }
