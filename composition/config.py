"""The subgraph list (schema/supergraph.toml): name, routing URL and where the SDL comes from."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"
DEFAULT_CONFIG = SCHEMA_DIR / "supergraph.toml"
DEFAULT_OUTPUT = SCHEMA_DIR / "supergraph.graphql"


class ConfigError(ValueError):
    pass


@dataclass(frozen=True)
class SubgraphConfig:
    name: str
    routing_url: str
    file: Path | None = None
    url: str | None = None  # fetch `_service { sdl }` from here instead of a file


def load_config(path: Path = DEFAULT_CONFIG) -> list[SubgraphConfig]:
    data = tomllib.loads(path.read_text())
    entries = data.get("subgraphs")
    if not isinstance(entries, list) or not entries:
        raise ConfigError(f"{path}: expected at least one [[subgraphs]] entry")
    subgraphs: list[SubgraphConfig] = []
    for position, entry in enumerate(entries):
        where = f"{path}: subgraphs[{position}]"
        name, routing_url = entry.get("name"), entry.get("routing_url")
        if not isinstance(name, str) or not isinstance(routing_url, str):
            raise ConfigError(f"{where}: `name` and `routing_url` are required strings")
        file, url = entry.get("file"), entry.get("url")
        if (file is None) == (url is None):
            raise ConfigError(f"{where} ({name}): set exactly one of `file` or `url`")
        subgraphs.append(
            SubgraphConfig(name, routing_url, path.parent / file if file else None, url)
        )
    names = [subgraph.name for subgraph in subgraphs]
    if len(set(names)) != len(names):
        raise ConfigError(f"{path}: subgraph names must be unique")
    return subgraphs
