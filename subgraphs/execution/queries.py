"""execution's root query fields."""

from __future__ import annotations

import strawberry

from subgraphs.execution import access
from subgraphs.execution.context import ExecutionInfo
from subgraphs.execution.types import Run


@strawberry.type
class Query:
    @strawberry.field
    async def run(self, info: ExecutionInfo, id: strawberry.ID) -> Run | None:
        return Run.from_row(await access.visible_run(info.context, id))
