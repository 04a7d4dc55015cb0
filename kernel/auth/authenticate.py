"""Turning request headers into a Principal: a service credential, a bearer JWT, or nobody."""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from urllib.parse import urlsplit

import httpx

from kernel.auth.dev_issuer import DEV_ISSUER, DevIssuer
from kernel.auth.jwks import RemoteKeySource, StaticKeySource
from kernel.auth.principal import ANONYMOUS, SERVICE, Principal, anonymous_because
from kernel.auth.service_header import ON_BEHALF_HEADER as ON_BEHALF_HEADER
from kernel.auth.service_header import ON_BEHALF_OF_CLIENT as ON_BEHALF_OF_CLIENT
from kernel.auth.service_header import SERVICE_TOKEN_HEADER as SERVICE_TOKEN_HEADER
from kernel.auth.tokens import InvalidToken, TokenVerifier, TrustedIssuer
from kernel.settings import CommonSettings


def saleor_jwks_url(api_url: str) -> str:
    """Saleor serves its JWKS at the API host's root, not under /graphql/."""
    parts = urlsplit(api_url)
    return f"{parts.scheme}://{parts.netloc}/.well-known/jwks.json"


def trusted_issuers(settings: CommonSettings, http: httpx.AsyncClient) -> list[TrustedIssuer]:
    issuers: list[TrustedIssuer] = []
    ttl = float(settings.jwks_cache_seconds)
    if settings.saleor_api_url:
        issuers.append(
            TrustedIssuer(
                settings.saleor_api_url,
                RemoteKeySource(saleor_jwks_url(settings.saleor_api_url), http, ttl=ttl),
            )
        )
    for pair in filter(None, (p.strip() for p in settings.jwt_issuers.split(","))):
        issuer, _, jwks_url = pair.partition("=")
        if issuer and jwks_url:
            issuers.append(TrustedIssuer(issuer, RemoteKeySource(jwks_url, http, ttl=ttl)))
    if settings.is_development:
        dev = DevIssuer.load_or_create(settings.dev_issuer_key_path)
        issuers.append(TrustedIssuer(DEV_ISSUER, StaticKeySource(dev.jwks())))
    return issuers


class ServiceCredential:
    """The shared secret our services present to each other, compared in constant time. An
    empty configured secret matches nothing."""

    def __init__(self, secret: str) -> None:
        self._secret = secret.encode()

    def matches(self, presented: str | None) -> bool:
        return (
            presented is not None
            and bool(self._secret)
            and hmac.compare_digest(presented.encode(), self._secret)
        )


class Authenticator:
    """The credential proves where a call comes from, a bearer token whom it is for: with both,
    the subgraph acts for the token's user; with the credential alone, as the service itself
    (unless the router says it calls for an anonymous client)."""

    def __init__(self, verifier: TokenVerifier, service_token: str) -> None:
        self._verifier = verifier
        self.credential = ServiceCredential(service_token)

    async def principal(self, headers: Mapping[str, str]) -> Principal:
        presented_service_token = headers.get(SERVICE_TOKEN_HEADER)
        if presented_service_token is not None:
            if not self.credential.matches(presented_service_token):
                return anonymous_because("invalid service credential")
            if headers.get("authorization"):
                return await self._user(headers)
            if headers.get(ON_BEHALF_HEADER) == ON_BEHALF_OF_CLIENT:
                return ANONYMOUS
            return SERVICE
        return await self._user(headers)

    async def _user(self, headers: Mapping[str, str]) -> Principal:
        authorization = headers.get("authorization")
        if not authorization:
            return ANONYMOUS
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() not in ("bearer", "jwt") or not token.strip():
            return anonymous_because("Authorization must be 'Bearer <token>'")
        try:
            return await self._verifier.verify(token.strip())
        except InvalidToken as error:
            return anonymous_because(str(error))
