"""Asking control-plane which organizations exist and what role a user has in each — how
billing and execution decide who may see their data without reading control-plane's tables."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kernel.service_client import ServiceClient
from subgraphs.common.ids import try_parse_id

MAX_IDS_PER_CALL = 500  # control-plane refuses larger batches

ORGANIZATION_ACCESS = """
query OrganizationAccess($ids: [ID!]!, $userId: ID) {
  organizationAccess(organizationIds: $ids, userId: $userId) { organizationId role }
}"""


@dataclass(frozen=True, slots=True)
class OrganizationAccess:
    """An organization control-plane confirmed exists, and the asking user's role in it
    (None: not a member, or no user asked about)."""

    organization_id: uuid.UUID
    role: str | None


class OrganizationDirectory:
    def __init__(self, control_plane: ServiceClient) -> None:
        self.control_plane = control_plane

    async def access(
        self, organization_ids: Sequence[uuid.UUID], user_id: str | None
    ) -> dict[uuid.UUID, OrganizationAccess]:
        """The organizations among `organization_ids` that exist, with `user_id`'s role.
        Raises a CmpFailure UNAVAILABLE when control-plane cannot answer."""
        ids = [str(i) for i in dict.fromkeys(organization_ids)]
        found: dict[uuid.UUID, OrganizationAccess] = {}
        for start in range(0, len(ids), MAX_IDS_PER_CALL):
            data = await self.control_plane.execute(
                ORGANIZATION_ACCESS,
                {"ids": ids[start : start + MAX_IDS_PER_CALL], "userId": user_id},
                read_only=True,
            )
            found.update(self._parse(data))
        return found

    def _parse(self, data: dict[str, Any]) -> dict[uuid.UUID, OrganizationAccess]:
        entries = data.get("organizationAccess")
        if not isinstance(entries, list):
            raise self.control_plane.unavailable(ValueError(f"unexpected answer: {data!r}"))
        found: dict[uuid.UUID, OrganizationAccess] = {}
        for entry in entries:
            org_id = try_parse_id(entry.get("organizationId")) if isinstance(entry, dict) else None
            if org_id is not None:
                role = entry.get("role")
                found[org_id] = OrganizationAccess(org_id, role if isinstance(role, str) else None)
        return found
