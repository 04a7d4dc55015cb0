"""JSON Web Key Sets: fixed ones (the development issuer) and remote ones (Saleor's
`/.well-known/jwks.json`), cached and re-fetched when a token names an unknown `kid`."""

from __future__ import annotations

import asyncio
import time
from typing import Any, Protocol

import httpx
import jwt


class KeyNotFound(Exception):
    pass


class KeySource(Protocol):
    async def key_for(self, kid: str | None) -> jwt.PyJWK: ...


def _index(jwks: dict[str, Any]) -> dict[str | None, jwt.PyJWK]:
    keys: dict[str | None, jwt.PyJWK] = {}
    for entry in jwks.get("keys", []):
        if entry.get("use", "sig") != "sig":
            continue
        try:
            key = jwt.PyJWK(entry)
        except jwt.PyJWKError:
            continue  # a key type we cannot use must not hide the others
        keys[entry.get("kid")] = key
    return keys


def _pick(keys: dict[str | None, jwt.PyJWK], kid: str | None) -> jwt.PyJWK | None:
    if kid is None and len(keys) == 1:
        return next(iter(keys.values()))
    return keys.get(kid)


class StaticKeySource:
    def __init__(self, jwks: dict[str, Any]) -> None:
        self._keys = _index(jwks)

    async def key_for(self, kid: str | None) -> jwt.PyJWK:
        key = _pick(self._keys, kid)
        if key is None:
            raise KeyNotFound(f"no key {kid!r} in the issuer's key set")
        return key


class RemoteKeySource:
    """Fetches a JWKS over HTTP, keeps it `ttl` seconds, and re-fetches early when asked for a
    `kid` it does not hold (key rotation) — at most once per `min_refresh_interval`, so tokens
    with made-up `kid`s cannot make us hammer the issuer."""

    def __init__(
        self,
        url: str,
        http: httpx.AsyncClient,
        ttl: float = 300.0,
        min_refresh_interval: float = 5.0,
    ) -> None:
        self.url = url
        self._http = http
        self._ttl = ttl
        self._min_refresh_interval = min_refresh_interval
        self._keys: dict[str | None, jwt.PyJWK] = {}
        self._fetched_at = float("-inf")
        self._lock = asyncio.Lock()
        self.fetch_count = 0

    async def _refresh(self) -> None:
        response = await self._http.get(self.url)
        response.raise_for_status()
        self._keys = _index(response.json())
        self._fetched_at = time.monotonic()
        self.fetch_count += 1

    async def key_for(self, kid: str | None) -> jwt.PyJWK:
        now = time.monotonic()
        if now - self._fetched_at < self._ttl:
            key = _pick(self._keys, kid)
            if key is not None:
                return key
        async with self._lock:
            now = time.monotonic()
            stale = now - self._fetched_at >= self._ttl
            key = _pick(self._keys, kid)
            if stale or (key is None and now - self._fetched_at >= self._min_refresh_interval):
                try:
                    await self._refresh()
                except (httpx.HTTPError, ValueError) as error:
                    if not self._keys:
                        raise KeyNotFound(f"cannot fetch the key set at {self.url}") from error
                key = _pick(self._keys, kid)
        if key is None:
            raise KeyNotFound(f"no key {kid!r} in the key set at {self.url}")
        return key
