"""Service-only fields other subgraphs call with the service credential. `@inaccessible`:
composition keeps them out of the public API, and callers without the credential are refused."""

from __future__ import annotations

import strawberry
from sqlalchemy import select

from subgraphs.common.errors import forbidden, invalid
from subgraphs.common.ids import try_parse_id
from subgraphs.common.inputs import OMITTED, opt
from subgraphs.control_plane import models
from subgraphs.control_plane.types import CPInfo, MemberRole

MAX_IDS = 500


@strawberry.federation.type(inaccessible=True)
class OrganizationAccess:
    organization_id: strawberry.ID
    role: MemberRole | None


@strawberry.type
class InternalQuery:
    @strawberry.federation.field(
        inaccessible=True,
        description="For services: which organizations exist, and the user's role in each.",
    )
    async def organization_access(
        self,
        info: CPInfo,
        organization_ids: list[strawberry.ID],
        user_id: strawberry.ID | None = OMITTED,
    ) -> list[OrganizationAccess]:
        ctx = info.context
        if not ctx.principal.is_service:
            raise forbidden("service credential required")
        if len(organization_ids) > MAX_IDS:
            raise invalid(f"at most {MAX_IDS} ids", field="organizationIds")
        ids = {parsed for raw in organization_ids if (parsed := try_parse_id(raw)) is not None}
        if not ids:
            return []
        async with ctx.db.session() as session:
            existing = (
                await session.scalars(
                    select(models.Organization.id).where(models.Organization.id.in_(ids))
                )
            ).all()
            roles: dict[object, str] = {}
            if opt(user_id) is not None:
                rows = await session.execute(
                    select(models.Membership.organization_id, models.Membership.role).where(
                        models.Membership.user_id == str(user_id),
                        models.Membership.organization_id.in_(ids),
                    )
                )
                roles = {org_id: role for org_id, role in rows.all()}
        return [
            OrganizationAccess(
                organization_id=strawberry.ID(str(org_id)),
                role=MemberRole(roles[org_id]) if org_id in roles else None,
            )
            for org_id in existing
        ]
