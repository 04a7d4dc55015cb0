"""What every subgraph's per-request context starts with: the caller."""

from __future__ import annotations

from dataclasses import dataclass

from strawberry.fastapi import BaseContext

from kernel.auth.principal import Principal


@dataclass
class SubgraphContext(BaseContext):
    """Each subgraph's context extends it with its pool, clients and loaders."""

    principal: Principal

    def __post_init__(self) -> None:
        super().__init__()  # BaseContext's request/response/background_tasks
