"""Verifying bearer tokens: RS256 JWTs from the issuers we trust, shaped like Saleor's
access tokens (`user_id`, `email`, `is_staff`, `type: access`)."""

from __future__ import annotations

from dataclasses import dataclass

import jwt

from kernel.auth.jwks import KeyNotFound, KeySource
from kernel.auth.principal import Principal, PrincipalKind

LEEWAY_SECONDS = 30


class InvalidToken(Exception):
    pass


@dataclass(frozen=True)
class TrustedIssuer:
    issuer: str
    keys: KeySource


class TokenVerifier:
    def __init__(self, issuers: list[TrustedIssuer]) -> None:
        self._issuers = {issuer.issuer: issuer for issuer in issuers}

    @property
    def issuers(self) -> list[str]:
        return list(self._issuers)

    async def verify(self, token: str) -> Principal:
        try:
            header = jwt.get_unverified_header(token)
            unverified = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError as error:
            raise InvalidToken("malformed token") from error
        if header.get("alg") != "RS256":
            raise InvalidToken("tokens must be signed with RS256")
        issuer = self._issuers.get(str(unverified.get("iss", "")))
        if issuer is None:
            raise InvalidToken("token issuer is not trusted")
        try:
            key = await issuer.keys.key_for(header.get("kid"))
        except KeyNotFound as error:
            raise InvalidToken(str(error)) from error
        try:
            claims = jwt.decode(
                token,
                key=key.key,
                algorithms=["RS256"],
                issuer=issuer.issuer,
                leeway=LEEWAY_SECONDS,
                options={"require": ["exp", "iss"], "verify_aud": False},
            )
        except jwt.ExpiredSignatureError as error:
            raise InvalidToken("token expired") from error
        except jwt.PyJWTError as error:
            raise InvalidToken("token signature or claims are invalid") from error
        if claims.get("type", "access") != "access":
            raise InvalidToken("only access tokens are accepted")
        user_id = claims.get("user_id")
        if not isinstance(user_id, str) or not user_id:
            raise InvalidToken("token has no user_id")
        email = claims.get("email")
        return Principal(
            PrincipalKind.USER,
            user_id=user_id,
            email=email if isinstance(email, str) else None,
            is_staff=claims.get("is_staff") is True,
        )
