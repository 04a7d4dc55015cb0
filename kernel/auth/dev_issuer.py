"""The local development issuer: an RSA key under the data folder that signs tokens shaped
like Saleor's access tokens, so everything works before a Saleor is connected."""

from __future__ import annotations

import base64
import json
import time
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

DEV_ISSUER = "cmp-dev-issuer"
DEV_KEY_ID = "cmp-dev-1"


def saleor_style_user_id(email: str) -> str:
    """Saleor ids are base64("User:<pk>"); the dev issuer derives a stable one from the email."""
    return base64.b64encode(f"User:{email.lower()}".encode()).decode()


class DevIssuer:
    def __init__(self, private_key: rsa.RSAPrivateKey, kid: str = DEV_KEY_ID) -> None:
        self._private_key = private_key
        self.kid = kid

    @classmethod
    def load_or_create(cls, key_file: Path) -> DevIssuer:
        if key_file.exists():
            loaded = serialization.load_pem_private_key(key_file.read_bytes(), password=None)
            if not isinstance(loaded, rsa.RSAPrivateKey):
                raise ValueError(f"{key_file} does not hold an RSA private key")
            return cls(loaded)
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        key_file.parent.mkdir(parents=True, exist_ok=True)
        key_file.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        key_file.chmod(0o600)
        return cls(key)

    def sign(self, message: bytes) -> bytes:
        """A raw RS256 signature (PKCS#1 v1.5, SHA-256), e.g. for detached JWS."""
        return self._private_key.sign(message, padding.PKCS1v15(), hashes.SHA256())

    def jwks(self) -> dict[str, Any]:
        public_jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self._private_key.public_key()))
        public_jwk.update({"kid": self.kid, "use": "sig", "alg": "RS256"})
        return {"keys": [public_jwk]}

    def token(
        self,
        email: str,
        is_staff: bool = False,
        user_id: str | None = None,
        ttl_seconds: int = 3600,
        issuer: str = DEV_ISSUER,
    ) -> str:
        now = int(time.time())
        claims = {
            "iat": now,
            "exp": now + ttl_seconds,
            "iss": issuer,
            "owner": "saleor",
            "token": "dev",
            "email": email,
            "type": "access",
            "user_id": user_id or saleor_style_user_id(email),
            "is_staff": is_staff,
        }
        return jwt.encode(claims, self._private_key, algorithm="RS256", headers={"kid": self.kid})
