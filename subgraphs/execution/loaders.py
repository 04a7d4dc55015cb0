"""DataLoaders for execution: runs by id, and the caller's role per organization (one
control-plane call per request, whatever the number of organizations)."""

from __future__ import annotations

import uuid

from strawberry.dataloader import DataLoader

from subgraphs.common.loaders import one_per_key
from subgraphs.execution import models
from subgraphs.execution.services import ExecutionServices

NOT_A_MEMBER = "NONE"  # an existing organization the user does not belong to


class Loaders:
    def __init__(self, services: ExecutionServices, user_id: str | None) -> None:
        async def roles(organization_ids: list[uuid.UUID]) -> list[str | None]:
            found = await services.control_plane.directory.access(organization_ids, user_id)
            return [
                (found[org].role or NOT_A_MEMBER) if org in found else None
                for org in organization_ids
            ]

        self.run: DataLoader[uuid.UUID, models.Run | None] = DataLoader(
            one_per_key(services.db, models.Run.id)
        )
        # None: no such organization; NOT_A_MEMBER: exists, caller not in it; else the role.
        self.role: DataLoader[uuid.UUID, str | None] = DataLoader(roles)
