"""Subgraph SDLs from files or from a running subgraph's `_service { sdl }`."""

from __future__ import annotations

import httpx

from .compose import SubgraphInput
from .config import SubgraphConfig

SERVICE_QUERY = "query SubgraphSdl { _service { sdl } }"


class SourceError(RuntimeError):
    pass


def fetch_sdl(url: str, timeout: float = 10.0, headers: dict[str, str] | None = None) -> str:
    """One `_service { sdl }` POST, as routers and `rover` do."""
    try:
        response = httpx.post(
            url, json={"query": SERVICE_QUERY}, timeout=timeout, headers=headers or {}
        )
        response.raise_for_status()
        body = response.json()
    except (httpx.HTTPError, ValueError) as error:
        raise SourceError(f"cannot fetch the SDL from {url}: {error}") from error
    sdl = (body.get("data") or {}).get("_service", {}).get("sdl")
    if not isinstance(sdl, str):
        raise SourceError(f"{url} did not answer _service {{ sdl }}: {body.get('errors')}")
    return sdl


def load_sdl(config: SubgraphConfig) -> str:
    if config.file is not None:
        try:
            return config.file.read_text()
        except OSError as error:
            raise SourceError(f"{config.name}: cannot read {config.file}: {error}") from error
    assert config.url is not None
    return fetch_sdl(config.url)


def load_inputs(configs: list[SubgraphConfig]) -> list[SubgraphInput]:
    return [SubgraphInput(config.name, config.routing_url, load_sdl(config)) for config in configs]
