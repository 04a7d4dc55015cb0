"""Token verification: RS256 only, trusted issuers only, JWKS cached and refreshed on an
unknown `kid` — against a real JWKS served over HTTP."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi import FastAPI

from cmp.serving import RunningServer, start_server
from kernel.auth.authenticate import SERVICE_TOKEN_HEADER, Authenticator, saleor_jwks_url
from kernel.auth.dev_issuer import DevIssuer
from kernel.auth.jwks import RemoteKeySource, StaticKeySource
from kernel.auth.principal import PrincipalKind
from kernel.auth.tokens import InvalidToken, TokenVerifier, TrustedIssuer

ISSUER = "http://saleor.test/graphql/"


class JwksServer:
    """Serves whichever issuers' keys it currently holds, counting fetches."""

    def __init__(self) -> None:
        self.issuers: list[DevIssuer] = []
        self.fetches = 0
        self.app = FastAPI()

        @self.app.get("/.well-known/jwks.json")
        def jwks() -> dict[str, Any]:
            self.fetches += 1
            return {"keys": [key for issuer in self.issuers for key in issuer.jwks()["keys"]]}


def new_issuer(kid: str) -> DevIssuer:
    return DevIssuer(rsa.generate_private_key(public_exponent=65537, key_size=2048), kid=kid)


@pytest.fixture
async def jwks_server() -> AsyncIterator[tuple[JwksServer, RunningServer]]:
    holder = JwksServer()
    server = await start_server(holder.app)
    try:
        yield holder, server
    finally:
        await server.stop()


async def test_refreshes_on_unknown_kid_and_caches(
    jwks_server: tuple[JwksServer, RunningServer],
) -> None:
    holder, server = jwks_server
    first = new_issuer("k1")
    holder.issuers = [first]
    async with httpx.AsyncClient() as http:
        keys = RemoteKeySource(f"{server.url}/.well-known/jwks.json", http, min_refresh_interval=0)
        verifier = TokenVerifier([TrustedIssuer(ISSUER, keys)])
        for _ in range(3):
            principal = await verifier.verify(first.token("a@example.com", issuer=ISSUER))
            assert principal.email == "a@example.com"
        assert holder.fetches == 1  # cached

        rotated = new_issuer("k2")
        holder.issuers = [first, rotated]
        principal = await verifier.verify(
            rotated.token("b@example.com", is_staff=True, issuer=ISSUER)
        )
        assert (principal.email, principal.is_staff) == ("b@example.com", True)
        assert holder.fetches == 2  # re-fetched once for the new kid

        stranger = new_issuer("k3")  # never published
        with pytest.raises(InvalidToken, match="no key"):
            await verifier.verify(stranger.token("c@example.com", issuer=ISSUER))


async def test_unknown_kid_refresh_is_rate_limited(
    jwks_server: tuple[JwksServer, RunningServer],
) -> None:
    holder, server = jwks_server
    holder.issuers = [new_issuer("k1")]
    async with httpx.AsyncClient() as http:
        keys = RemoteKeySource(f"{server.url}/.well-known/jwks.json", http, min_refresh_interval=60)
        verifier = TokenVerifier([TrustedIssuer(ISSUER, keys)])
        forger = new_issuer("made-up")
        for _ in range(5):
            with pytest.raises(InvalidToken):
                await verifier.verify(forger.token("x@example.com", issuer=ISSUER))
        assert holder.fetches == 1


def test_saleor_jwks_url_is_at_the_host_root() -> None:
    assert saleor_jwks_url("https://shop.example.com/graphql/") == (
        "https://shop.example.com/.well-known/jwks.json"
    )


async def test_rejections() -> None:
    trusted = new_issuer("k1")
    verifier = TokenVerifier([TrustedIssuer(ISSUER, StaticKeySource(trusted.jwks()))])
    other = new_issuer("k1")  # same kid, different key: a forgery
    now = int(time.time())
    cases = {
        "forged signature": other.token("a@example.com", issuer=ISSUER),
        "untrusted issuer": trusted.token("a@example.com", issuer="http://evil/"),
        "expired": trusted.token("a@example.com", issuer=ISSUER, ttl_seconds=-3600),
        "not a jwt": "abc.def.ghi",
        "hs256": jwt.encode(
            {"iss": ISSUER, "exp": now + 60, "user_id": "u"},
            "a-shared-secret-long-enough-for-hs256!",
            algorithm="HS256",
        ),
    }
    for reason, token in cases.items():
        with pytest.raises(InvalidToken):
            await verifier.verify(token)
        assert reason
    refresh_token = jwt.encode(
        {"iss": ISSUER, "exp": now + 60, "user_id": "u", "type": "refresh"},
        trusted._private_key,
        algorithm="RS256",
        headers={"kid": "k1"},
    )
    with pytest.raises(InvalidToken, match="access"):
        await verifier.verify(refresh_token)


async def test_authenticator_headers() -> None:
    issuer = new_issuer("k1")
    verifier = TokenVerifier([TrustedIssuer(ISSUER, StaticKeySource(issuer.jwks()))])
    auth = Authenticator(verifier, "s3cret")
    assert (await auth.principal({})).kind is PrincipalKind.ANONYMOUS
    service = await auth.principal({SERVICE_TOKEN_HEADER: "s3cret"})
    assert service.is_service and service.is_privileged
    wrong = await auth.principal({SERVICE_TOKEN_HEADER: "guess"})
    assert (
        wrong.kind is PrincipalKind.ANONYMOUS and wrong.auth_error == "invalid service credential"
    )
    user = await auth.principal(
        {"authorization": f"Bearer {issuer.token('u@example.com', issuer=ISSUER)}"}
    )
    assert user.kind is PrincipalKind.USER and user.email == "u@example.com"
    basic = await auth.principal({"authorization": "Basic dXNlcjpwYXNz"})
    assert basic.kind is PrincipalKind.ANONYMOUS and basic.auth_error is not None
    # No configured credential: nothing is a service, not even an empty header.
    closed = Authenticator(verifier, "")
    assert not (await closed.principal({SERVICE_TOKEN_HEADER: ""})).is_service
