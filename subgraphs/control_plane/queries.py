"""control-plane's root query fields; `InternalQuery`'s are for CMP services only
(`@inaccessible`: composition keeps them out of the public API, and callers without the service
credential are refused)."""

from __future__ import annotations

import strawberry
from sqlalchemy import select

from subgraphs.common.connections import CountedConnection
from subgraphs.common.errors import invalid, not_found
from subgraphs.common.ids import try_parse_id
from subgraphs.common.inputs import OMITTED, opt
from subgraphs.common.pagination import fetch_page
from subgraphs.control_plane import access, models
from subgraphs.control_plane.context import ControlPlaneInfo
from subgraphs.control_plane.models import MemberRole
from subgraphs.control_plane.types import (
    Instance,
    InstanceRuntime,
    Offering,
    Organization,
    OrganizationAccess,
    load_instance,
    load_organization,
)

MAX_IDS = 500


def _exactly_one(id: strawberry.ID | None, slug: str | None) -> None:
    if (opt(id) is None) == (opt(slug) is None):
        raise invalid("give exactly one of id or slug", field="id")


@strawberry.type
class Query:
    @strawberry.field(description="The caller's organizations.")
    async def organizations(self, info: ControlPlaneInfo) -> list[Organization]:
        ctx = info.context
        access.require_signed_in(ctx)
        ids = list(await ctx.my_roles())
        rows = await ctx.loaders.organization.load_many(ids)
        found = [row for row in rows if row is not None]
        return [Organization.from_row(row) for row in sorted(found, key=lambda r: r.created_at)]

    @strawberry.field
    async def organization(
        self, info: ControlPlaneInfo, id: strawberry.ID | None = OMITTED, slug: str | None = OMITTED
    ) -> Organization | None:
        _exactly_one(id, slug)
        ctx = info.context
        if opt(id) is not None:
            return await load_organization(ctx, id)
        access.require_signed_in(ctx)
        async with ctx.db.session() as session:
            row = await session.scalar(
                select(models.Organization).where(models.Organization.slug == slug)
            )
        if row is None:
            raise not_found("organization")
        return await load_organization(ctx, row.id)

    @strawberry.field(description="Every offering in the store; public.")
    async def offerings(
        self, info: ControlPlaneInfo, first: int | None = 20, after: str | None = OMITTED
    ) -> CountedConnection[Offering]:
        async with info.context.db.session() as session:
            page = await fetch_page(
                session, models.Offering, [], first, opt(after), count_total=True
            )
        return CountedConnection.of(page, Offering.from_row)

    @strawberry.field
    async def offering(
        self, info: ControlPlaneInfo, id: strawberry.ID | None = OMITTED, slug: str | None = OMITTED
    ) -> Offering | None:
        _exactly_one(id, slug)
        if opt(id) is not None:
            assert id is not None
            return await Offering.resolve_reference(info, id)
        async with info.context.db.session() as session:
            row = await session.scalar(select(models.Offering).where(models.Offering.slug == slug))
        if row is None:
            raise not_found("offering")
        return Offering.from_row(row)

    @strawberry.field
    async def instance(self, info: ControlPlaneInfo, id: strawberry.ID) -> Instance | None:
        return await load_instance(info.context, id)


@strawberry.type
class InternalQuery:
    @strawberry.federation.field(
        inaccessible=True,
        description="For services: an instance's runtime facts, and the user's role in its org.",
    )
    async def instance_runtime(
        self,
        info: ControlPlaneInfo,
        instance_id: strawberry.ID,
        user_id: strawberry.ID | None = OMITTED,
    ) -> InstanceRuntime | None:
        ctx = info.context
        access.require_service(ctx)
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
            user = opt(user_id)
            role = await models.Membership.active_role(
                session, instance.organization_id, None if user is None else str(user)
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
        info: ControlPlaneInfo,
        organization_ids: list[strawberry.ID],
        user_id: strawberry.ID | None = OMITTED,
    ) -> list[OrganizationAccess]:
        ctx = info.context
        access.require_service(ctx)
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
                        models.Membership.status == models.MembershipStatus.ACTIVE,
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
