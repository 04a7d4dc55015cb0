"""This project's supergraph: compose what schema/supergraph.toml lists, or check that the
committed schema/supergraph.graphql is that."""

from __future__ import annotations

from pathlib import Path

from .compose import compose
from .config import DEFAULT_CONFIG, DEFAULT_OUTPUT, load_config
from .sources import load_inputs


def compose_project(config: Path = DEFAULT_CONFIG) -> str:
    """The supergraph SDL file content (Apollo's SDL plus a final newline)."""
    return compose(load_inputs(load_config(config))) + "\n"


def supergraph_is_current(config: Path = DEFAULT_CONFIG, output: Path = DEFAULT_OUTPUT) -> bool:
    return output.exists() and output.read_text() == compose_project(config)
