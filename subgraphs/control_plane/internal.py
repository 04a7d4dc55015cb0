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
    """`role` is the user's in an ACTIVE membership; an invitation is no role at all."""

    organization_id: strawberry.ID
    role: MemberRole | None


@strawberry.federation.type(inaccessible=True)
class InstanceRuntime:
    """What execution needs to start a run: never public (it carries the flow id). `role`:
    the user's in an ACTIVE membership only."""

    instance_id: strawberry.ID
    organization_id: strawberry.ID
    status: str
    offering_id: strawberry.ID
    flow_id: str
    credits_per_run: int
    role: MemberRole | None
    allowed_tweaks: list[str]  # "<component id>.<field>" a customer's run may set


@strawberry.type
class InternalQuery:
    @strawberry.federation.field(
        inaccessible=True,
        description="For services: an instance's runtime facts, and the user's role in its org.",
    )
    async def instance_runtime(
        self, info: CPInfo, instance_id: strawberry.ID, user_id: strawberry.ID | None = OMITTED
    ) -> InstanceRuntime | None:
        ctx = info.context
        if not ctx.principal.is_service:
            raise forbidden("service credential required")
        parsed = try_parse_id(instance_id)
        if parsed is None:
            return None
        async with ctx.db.session() as session:
            row = await session.execute(
                select(models.Instance, models.Offering)
                .join(models.Offering, models.Offering.id == models.Instance.offering_id)
                .where(models.Instance.id == parsed)
            )
            found = row.first()
            if found is None:
                return None
            instance, offering = found
            role = None
            if opt(user_id) is not None:
                role = await session.scalar(
                    select(models.Membership.role).where(
                        models.Membership.organization_id == instance.organization_id,
                        models.Membership.user_id == str(user_id),
                        models.Membership.status == models.ACTIVE,
                    )
                )
        return InstanceRuntime(
            instance_id=strawberry.ID(str(instance.id)),
            organization_id=strawberry.ID(str(instance.organization_id)),
            status=instance.status,
            offering_id=strawberry.ID(str(offering.id)),
            flow_id=offering.flow_id,
            credits_per_run=offering.credits_per_run,
            role=MemberRole(role) if role else None,
            allowed_tweaks=list(offering.allowed_tweaks),
        )

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
                        models.Membership.status == models.ACTIVE,
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
