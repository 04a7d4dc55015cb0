"""The subgraphs this project serves: name, app factory, migrations, default port."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import strawberry

SUBGRAPHS_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class SubgraphSpec:
    name: str  # as in the supergraph: control-plane, billing, execution
    package: str  # python package under subgraphs/
    default_port: int

    @property
    def migrations_dir(self) -> Path:
        return SUBGRAPHS_DIR / self.package / "migrations"

    def schema(self) -> strawberry.federation.Schema:
        module = importlib.import_module(f"subgraphs.{self.package}.schema")
        schema: strawberry.federation.Schema = module.schema
        return schema

    def app_factory(self) -> Callable[..., Any]:
        module = importlib.import_module(f"subgraphs.{self.package}.app")
        factory: Callable[..., Any] = module.create_app
        return factory


SUBGRAPHS: dict[str, SubgraphSpec] = {
    spec.name: spec
    for spec in (
        SubgraphSpec("control-plane", "control_plane", 4001),
        SubgraphSpec("billing", "billing", 4002),
        SubgraphSpec("execution", "execution", 4003),
    )
}
