"""Each subgraph's SDL as `_service { sdl }` serves it, written to and checked against schema/."""

from __future__ import annotations

from pathlib import Path

from strawberry.printer import print_schema

from subgraphs.registry import SUBGRAPHS

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"


def subgraph_sdl(name: str) -> str:
    return print_schema(SUBGRAPHS[name].schema()) + "\n"


def sdl_path(name: str) -> Path:
    return SCHEMA_DIR / f"{name}.graphql"


def stale_sdls() -> list[str]:
    """Names of subgraphs whose committed SDL differs from what the code serves."""
    return [
        name
        for name in SUBGRAPHS
        if not sdl_path(name).exists() or sdl_path(name).read_text() != subgraph_sdl(name)
    ]


def write_sdls() -> list[Path]:
    written = []
    for name in SUBGRAPHS:
        path = sdl_path(name)
        path.write_text(subgraph_sdl(name))
        written.append(path)
    return written
