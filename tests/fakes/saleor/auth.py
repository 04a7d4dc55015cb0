"""The fake Saleor's signing key and JWTs, made the way Saleor 3.22 makes them.

One RSA key signs access and refresh tokens (RS256, header `kid`) and webhook deliveries
(detached JWS with an unencoded payload, RFC 7797). Its JWKS is served at the host's
`/.well-known/jwks.json`; the `kid` is the key's RFC 7638 thumbprint, as in Saleor's own
JWKS (tests/fixtures/saleor/webhook-samples/jwks.json).
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

from kernel.auth.dev_issuer import DevIssuer
from tests.fakes.saleor.data import User

ACCESS_TOKEN_TTL_SECONDS = 5 * 60  # Saleor's JWT_TTL_ACCESS
REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600  # Saleor's JWT_TTL_REFRESH
JWT_OWNER = "saleor"


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def thumbprint(jwk: dict[str, Any]) -> str:
    """RFC 7638: SHA-256 over the required members, sorted, without whitespace."""
    required = {name: jwk[name] for name in ("e", "kty", "n")}
    canonical = json.dumps(required, separators=(",", ":"), sort_keys=True)
    return _b64url(hashlib.sha256(canonical.encode()).digest())


class SaleorKey:
    """An RSA key with Saleor's kid; signs with DevIssuer (no private key handling here)."""

    def __init__(self, private_key: rsa.RSAPrivateKey | None = None) -> None:
        key = private_key or rsa.generate_private_key(public_exponent=65537, key_size=2048)
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
        self.kid = thumbprint(public)
        self._issuer = DevIssuer(key, kid=self.kid)
        # Member order as Saleor serves it: kty, key_ops, n, e, use, kid, alg.
        self._jwk = {**public, "use": "sig", "kid": self.kid, "alg": "RS256"}
        self._verifying_key = jwt.PyJWK(self._jwk).key

    def jwks(self) -> dict[str, Any]:
        return {"keys": [dict(self._jwk)]}

    def sign(self, message: bytes) -> bytes:
        return self._issuer.sign(message)

    def encode(self, claims: dict[str, Any]) -> str:
        """A compact RS256 JWT, header as PyJWT (and so Saleor) writes it."""
        header = {"alg": "RS256", "kid": self.kid, "typ": "JWT"}
        signing_input = (
            f"{_b64url(json.dumps(header, separators=(',', ':')).encode())}."
            f"{_b64url(json.dumps(claims, separators=(',', ':')).encode())}"
        )
        return f"{signing_input}.{_b64url(self.sign(signing_input.encode('ascii')))}"

    def decode(self, token: str) -> dict[str, Any]:
        """Verified claims; raises PyJWT's errors (their class names are Saleor's codes)."""
        claims: dict[str, Any] = jwt.decode(
            token,
            self._verifying_key,
            algorithms=["RS256"],
            options={"verify_aud": False, "require": ["exp", "iat"]},
        )
        return claims

    def detached_jws(self, body: bytes) -> str:
        """`Saleor-Signature`: RS256 over BASE64URL(header) + "." + the raw body."""
        header = {"alg": "RS256", "b64": False, "crit": ["b64"], "kid": self.kid, "typ": "JWT"}
        protected = _b64url(json.dumps(header, separators=(",", ":")).encode())
        signature = self.sign(protected.encode("ascii") + b"." + body)
        return f"{protected}..{_b64url(signature)}"

    # ------------------------------------------------------------------ Saleor's user tokens

    def user_claims(
        self, user: User, token_type: str, issuer: str, ttl: int, extra: dict[str, Any]
    ) -> dict[str, Any]:
        """saleor.core.jwt.jwt_user_payload: exactly these claims, plus `extra`."""
        now = int(time.time())
        return {
            "iat": now,
            "owner": JWT_OWNER,
            "iss": issuer,
            "exp": now + ttl,
            "token": user.token_key,
            "email": user.email,
            "type": token_type,
            "user_id": user.id,
            "is_staff": user.is_staff,
            **extra,
        }

    def token_pair(
        self, user: User, issuer: str, audience: str | None = None
    ) -> tuple[str, str, str]:
        """(access token, refresh token, CSRF token), as tokenCreate returns them."""
        csrf_token = secrets.token_urlsafe(48)
        extra = {"aud": f"custom:{audience}"} if audience else {}
        access = self.encode(
            self.user_claims(user, "access", issuer, ACCESS_TOKEN_TTL_SECONDS, extra)
        )
        refresh = self.encode(
            self.user_claims(
                user,
                "refresh",
                issuer,
                REFRESH_TOKEN_TTL_SECONDS,
                {**extra, "csrfToken": csrf_token},
            )
        )
        return access, refresh, csrf_token
