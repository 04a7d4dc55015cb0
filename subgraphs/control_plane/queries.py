"""control-plane's root query fields."""

from __future__ import annotations

import strawberry
from sqlalchemy import select

from subgraphs.common.errors import invalid, not_found
from subgraphs.common.inputs import OMITTED, opt
from subgraphs.common.pagination import fetch_page
from subgraphs.control_plane import access, models
from subgraphs.control_plane.types import (
    CPInfo,
    Instance,
    Offering,
    OfferingConnection,
    OfferingEdge,
    Organization,
    load_instance,
    load_organization,
)


def _exactly_one(id: strawberry.ID | None, slug: str | None) -> None:
    if (opt(id) is None) == (opt(slug) is None):
        raise invalid("give exactly one of id or slug", field="id")


@strawberry.type
class Query:
    @strawberry.field(description="The caller's organizations.")
    async def organizations(self, info: CPInfo) -> list[Organization]:
        ctx = info.context
        access.require_signed_in(ctx)
        ids = list(await ctx.my_roles())
        rows = await ctx.loaders.organization.load_many(ids)
        found = [row for row in rows if row is not None]
        return [Organization.from_row(row) for row in sorted(found, key=lambda r: r.created_at)]

    @strawberry.field
    async def organization(
        self, info: CPInfo, id: strawberry.ID | None = OMITTED, slug: str | None = OMITTED
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
        self, info: CPInfo, first: int | None = 20, after: str | None = OMITTED
    ) -> OfferingConnection:
        async with info.context.db.session() as session:
            page = await fetch_page(
                session, models.Offering, [], first, opt(after), count_total=True
            )
        return OfferingConnection(
            edges=[
                OfferingEdge(cursor=cursor, node=Offering.from_row(row))
                for cursor, row in page.edges()
            ],
            page_info=page.page_info(),
            total_count=page.total,
        )

    @strawberry.field
    async def offering(
        self, info: CPInfo, id: strawberry.ID | None = OMITTED, slug: str | None = OMITTED
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
    async def instance(self, info: CPInfo, id: strawberry.ID) -> Instance | None:
        return await load_instance(info.context, id)
