"""organizationCreate, projectCreate."""

from __future__ import annotations

import secrets

import strawberry
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from subgraphs.common.errors import conflict, not_found
from subgraphs.common.ids import parse_id
from subgraphs.common.inputs import opt
from subgraphs.common.payloads import errors_in_payload
from subgraphs.control_plane import access, models
from subgraphs.control_plane.context import ControlPlaneInfo
from subgraphs.control_plane.mutations.payloads import (
    OrganizationCreateInput,
    OrganizationCreatePayload,
    ProjectCreateInput,
    ProjectCreatePayload,
)
from subgraphs.control_plane.types import Organization, Project
from subgraphs.control_plane.validation import clean_slug, clean_text, slugify


async def _free_slug(session: AsyncSession, base: str) -> str:
    """A slug derived from a name gets a suffix when taken; an explicit one does not."""
    taken = set(
        (
            await session.scalars(
                select(models.Organization.slug).where(models.Organization.slug.like(f"{base}%"))
            )
        ).all()
    )
    if base not in taken:
        return base
    for n in range(2, 100):
        if f"{base}-{n}" not in taken:
            return f"{base}-{n}"
    return f"{base}-{secrets.token_hex(3)}"


@strawberry.type
class OrganizationMutations:
    @strawberry.mutation(description="Create an organization; the caller becomes its OWNER.")
    async def organization_create(
        self, info: ControlPlaneInfo, input: OrganizationCreateInput
    ) -> OrganizationCreatePayload:
        ctx = info.context

        async def work() -> OrganizationCreatePayload:
            principal = access.require_user(ctx)
            assert principal.user_id is not None
            name = clean_text(input.name, "name")
            raw_slug = opt(input.slug)
            explicit = clean_slug(raw_slug) if raw_slug is not None else None
            async with ctx.db.transaction() as session:
                if explicit is not None:
                    exists = await session.scalar(
                        select(models.Organization.id).where(models.Organization.slug == explicit)
                    )
                    if exists is not None:
                        raise conflict("an organization with this slug exists", field="slug")
                slug = explicit or await _free_slug(session, slugify(name))
                organization = await models.Organization.create_with_owner(
                    session, slug, name, principal.user_id
                )
                await session.flush()
                await session.refresh(organization)
            await ctx.billing.open_wallet(organization.id)
            return OrganizationCreatePayload(organization=Organization.from_row(organization))

        return await errors_in_payload(
            OrganizationCreatePayload,
            work,
            conflict_message="an organization with this slug exists",
        )

    @strawberry.mutation(description="Create a project in an organization the caller belongs to.")
    async def project_create(
        self, info: ControlPlaneInfo, input: ProjectCreateInput
    ) -> ProjectCreatePayload:
        ctx = info.context

        async def work() -> ProjectCreatePayload:
            organization_id = parse_id(input.organization_id, "organizationId")
            name = clean_text(input.name, "name")
            await access.require_visible(ctx, organization_id)
            async with ctx.db.transaction() as session:
                if await session.get(models.Organization, organization_id) is None:
                    raise not_found("organization", field="organizationId")
                duplicate = await session.scalar(
                    select(models.Project.id).where(
                        models.Project.organization_id == organization_id,
                        models.Project.name == name,
                    )
                )
                if duplicate is not None:
                    raise conflict("a project with this name exists", field="name")
                project = models.Project(organization_id=organization_id, name=name)
                session.add(project)
                await session.flush()
                await session.refresh(project)
            return ProjectCreatePayload(project=Project.from_row(project))

        return await errors_in_payload(
            ProjectCreatePayload, work, conflict_message="a project with this name exists"
        )
