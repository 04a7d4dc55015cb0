"""Verifying `Saleor-Signature`: a detached JWS with an unencoded payload (RFC 7797).

Saleor signs each delivery with the key it also signs access tokens with: the header is
`{"alg":"RS256","b64":false,"crit":["b64"],"kid":…}` and the signature value is
`BASE64URL(header)..BASE64URL(signature)`, computed over `BASE64URL(header) + "." + body` —
the raw body bytes, not their base64. The key comes from the JWKS of the Saleor named by
`Saleor-Api-Url`, and only Saleors on our allowlist are asked.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from dataclasses import dataclass

import httpx
import orjson
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey
from jwt.algorithms import RSAAlgorithm

from kernel.auth.authenticate import saleor_jwks_url
from kernel.auth.jwks import KeyNotFound, KeySource, RemoteKeySource


class SignatureRejected(Exception):
    """Why a delivery is refused (safe to log; the client only sees 401)."""


@dataclass(frozen=True)
class VerifiedDelivery:
    api_url: str
    event: str
    body: bytes


def _b64decode(segment: str) -> bytes:
    padded = segment + "=" * (-len(segment) % 4)
    return base64.urlsafe_b64decode(padded.encode("ascii"))


def normalize_api_url(url: str) -> str:
    """Saleor's API URL ends in /graphql/; compare allowlist entries without that nuance."""
    return url.strip().rstrip("/") + "/"


class SaleorSignatureVerifier:
    """`key_sources`: the allowed Saleor API URLs, each with where its keys come from."""

    def __init__(self, key_sources: Mapping[str, KeySource]) -> None:
        self._keys = {normalize_api_url(url): keys for url, keys in key_sources.items()}
        self._rsa = RSAAlgorithm(RSAAlgorithm.SHA256)

    @classmethod
    def for_api_urls(
        cls,
        api_urls: list[str],
        http: httpx.AsyncClient,
        jwks_ttl: float = 300.0,
        min_refresh_interval: float = 5.0,
    ) -> SaleorSignatureVerifier:
        """Each Saleor's JWKS at its host's /.well-known/jwks.json, cached, re-fetched for an
        unknown `kid` — the same key source as for Saleor's access tokens."""
        return cls(
            {
                url: RemoteKeySource(saleor_jwks_url(url), http, jwks_ttl, min_refresh_interval)
                for url in api_urls
                if url.strip()
            }
        )

    @property
    def allowed(self) -> list[str]:
        return list(self._keys)

    async def verify(self, headers: Mapping[str, str], body: bytes) -> VerifiedDelivery:
        api_url = headers.get("saleor-api-url", "")
        keys = self._keys.get(normalize_api_url(api_url)) if api_url else None
        if keys is None:
            raise SignatureRejected(f"Saleor-Api-Url {api_url!r} is not an allowed Saleor")
        signature = headers.get("saleor-signature", "")
        protected, separator, rest = signature.partition(".")
        payload, separator2, signature_segment = rest.partition(".")
        if not (separator and separator2) or payload != "" or not protected:
            raise SignatureRejected("Saleor-Signature is not a detached JWS")
        try:
            header = orjson.loads(_b64decode(protected))
            signature_bytes = _b64decode(signature_segment)
        except (ValueError, binascii.Error, UnicodeDecodeError) as error:
            raise SignatureRejected("Saleor-Signature is malformed") from error
        if not isinstance(header, dict) or header.get("alg") != "RS256":
            raise SignatureRejected("Saleor-Signature must be RS256")
        if header.get("b64") is not False or header.get("crit") != ["b64"]:
            raise SignatureRejected("Saleor-Signature must sign the unencoded body (b64=false)")
        try:
            key = await keys.key_for(header.get("kid"))
        except KeyNotFound as error:
            raise SignatureRejected(str(error)) from error
        signing_input = protected.encode("ascii") + b"." + body
        public_key = key.key
        if not isinstance(public_key, RSAPublicKey):
            raise SignatureRejected("the signing key is not an RSA public key")
        if not self._rsa.verify(signing_input, public_key, signature_bytes):
            raise SignatureRejected("Saleor-Signature does not match the body")
        return VerifiedDelivery(
            api_url=api_url,
            event=headers.get("saleor-event", "").lower(),
            body=body,
        )
