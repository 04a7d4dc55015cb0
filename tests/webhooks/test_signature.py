"""The verifier against real ORDER_FULLY_PAID deliveries captured from Saleor 3.22, with the
JWKS that signed them; and against deliveries we sign the way Saleor does, over real HTTP."""

from __future__ import annotations

import base64
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi import FastAPI

from cmp.serving import RunningServer, start_server
from kernel.auth.dev_issuer import DevIssuer
from kernel.auth.jwks import StaticKeySource
from tests.fixtures import SALEOR_WEBHOOK_SAMPLES as SAMPLES
from webhooks.saleor.signature import SaleorSignatureVerifier, SignatureRejected

JWS_SAMPLES = [
    "order_fully_paid.legacy.jws.json",
    "order_fully_paid.subscription.json",
    "order_fully_paid.subscription-toplevel-filtered.json",
]


def load(name: str) -> tuple[dict[str, str], bytes]:
    sample = json.loads((SAMPLES / name).read_text())
    headers = {k.lower(): v for k, v in sample["request_headers"].items()}
    return headers, sample["body_raw"].encode()


def sample_verifier() -> SaleorSignatureVerifier:
    jwks = json.loads((SAMPLES / "jwks.json").read_text())
    return SaleorSignatureVerifier({"http://127.0.0.1:8000/graphql/": StaticKeySource(jwks)})


@pytest.mark.parametrize("name", JWS_SAMPLES)
async def test_accepts_every_real_delivery(name: str) -> None:
    headers, body = load(name)
    delivery = await sample_verifier().verify(headers, body)
    assert delivery.event == "order_fully_paid"
    assert delivery.body == body
    assert delivery.api_url == "http://127.0.0.1:8000/graphql/"


@pytest.mark.parametrize("name", JWS_SAMPLES)
async def test_rejects_one_byte_changes(name: str) -> None:
    headers, body = load(name)
    verifier = sample_verifier()
    for position in (0, len(body) // 2, len(body) - 1):
        tampered = bytearray(body)
        tampered[position] ^= 0x01
        with pytest.raises(SignatureRejected, match="does not match"):
            await verifier.verify(headers, bytes(tampered))
    protected, _, signature = headers["saleor-signature"].partition("..")
    raw = bytearray(base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)))
    for position in (0, len(raw) // 2, len(raw) - 1):
        forged = bytearray(raw)
        forged[position] ^= 0x01
        forged_value = base64.urlsafe_b64encode(bytes(forged)).rstrip(b"=").decode()
        with pytest.raises(SignatureRejected):
            await verifier.verify(
                {**headers, "saleor-signature": f"{protected}..{forged_value}"}, body
            )


async def test_rejects_hmac_unknown_source_and_missing_signature() -> None:
    verifier = sample_verifier()
    headers, body = load("order_fully_paid.legacy.hmac.json")
    with pytest.raises(SignatureRejected, match="not a detached JWS"):
        await verifier.verify(headers, body)
    headers, body = load("order_fully_paid.legacy.jws.json")
    with pytest.raises(SignatureRejected, match="not an allowed Saleor"):
        await verifier.verify({**headers, "saleor-api-url": "http://evil.example/graphql/"}, body)
    with pytest.raises(SignatureRejected, match="not an allowed Saleor"):
        await verifier.verify({k: v for k, v in headers.items() if k != "saleor-api-url"}, body)
    with pytest.raises(SignatureRejected, match="not a detached JWS"):
        await verifier.verify({k: v for k, v in headers.items() if k != "saleor-signature"}, body)


def sign_like_saleor(issuer: DevIssuer, body: bytes) -> str:
    """Saleor's scheme: RS256 over BASE64URL(header) + "." + raw body, payload detached."""
    header = {"alg": "RS256", "b64": False, "crit": ["b64"], "kid": issuer.kid, "typ": "JWT"}
    protected = base64.urlsafe_b64encode(json.dumps(header).encode()).rstrip(b"=")
    signature = issuer.sign(protected + b"." + body)
    return f"{protected.decode()}..{base64.urlsafe_b64encode(signature).rstrip(b'=').decode()}"


@pytest.fixture
async def saleor_jwks() -> AsyncIterator[tuple[RunningServer, list[DevIssuer], dict[str, int]]]:
    issuers = [DevIssuer(rsa.generate_private_key(public_exponent=65537, key_size=2048), kid="k1")]
    fetches = {"count": 0}
    app = FastAPI()

    @app.get("/.well-known/jwks.json")
    def jwks() -> dict[str, Any]:
        fetches["count"] += 1
        return {"keys": [k for i in issuers for k in i.jwks()["keys"]]}

    server = await start_server(app)
    try:
        yield server, issuers, fetches
    finally:
        await server.stop()


async def test_fetches_jwks_from_the_named_saleor_and_follows_rotation(
    saleor_jwks: tuple[RunningServer, list[DevIssuer], dict[str, int]],
) -> None:
    server, issuers, fetches = saleor_jwks
    api_url = f"{server.url}/graphql/"
    body = b'{"order": {"id": "T3JkZXI6MQ=="}}'
    async with httpx.AsyncClient() as http:
        verifier = SaleorSignatureVerifier.for_api_urls([api_url], http, min_refresh_interval=0)
        headers = {
            "saleor-api-url": api_url,
            "saleor-event": "ORDER_FULLY_PAID",
            "saleor-signature": sign_like_saleor(issuers[0], body),
        }
        assert (await verifier.verify(headers, body)).event == "order_fully_paid"
        await verifier.verify(headers, body)
        assert fetches["count"] == 1
        rotated = DevIssuer(
            rsa.generate_private_key(public_exponent=65537, key_size=2048), kid="k2"
        )
        issuers.append(rotated)
        await verifier.verify(
            {**headers, "saleor-signature": sign_like_saleor(rotated, body)}, body
        )
        assert fetches["count"] == 2
        impostor = DevIssuer(
            rsa.generate_private_key(public_exponent=65537, key_size=2048), kid="k1"
        )
        with pytest.raises(SignatureRejected, match="does not match"):
            await verifier.verify(
                {**headers, "saleor-signature": sign_like_saleor(impostor, body)}, body
            )
