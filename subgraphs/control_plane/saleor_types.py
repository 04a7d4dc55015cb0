"""Saleor's entities, with the fields control-plane adds to them (Saleor resolves the rest)."""

from __future__ import annotations

import strawberry

from subgraphs.control_plane import access, models
from subgraphs.control_plane.context import ControlPlaneInfo
from subgraphs.control_plane.types import Instance, Membership, Offering, Organization, Plan


@strawberry.federation.type(keys=["id channel"], description="Saleor's Product.")
class Product:
    id: strawberry.ID
    channel: str | None

    @classmethod
    def reference(cls, product_id: str, info: ControlPlaneInfo) -> Product:
        """A Product with Saleor's full key, so the router can fetch the rest from Saleor."""
        return cls(id=strawberry.ID(product_id), channel=info.context.settings.saleor_channel)

    @classmethod
    def resolve_reference(cls, id: strawberry.ID, channel: str | None = None) -> Product:
        return cls(id=id, channel=channel)

    @strawberry.field(description="The offering this product sells, if any.")
    async def offering(self, info: ControlPlaneInfo) -> Offering | None:
        row = await info.context.loaders.offering_by_product.load(str(self.id))
        return Offering.from_row(row) if row else None


@strawberry.federation.type(keys=["id channel"], description="Saleor's ProductVariant.")
class ProductVariant:
    id: strawberry.ID
    channel: str | None

    @classmethod
    def reference(cls, variant_id: str, info: ControlPlaneInfo) -> ProductVariant:
        return cls(id=strawberry.ID(variant_id), channel=info.context.settings.saleor_channel)

    @classmethod
    def resolve_reference(cls, id: strawberry.ID, channel: str | None = None) -> ProductVariant:
        return cls(id=id, channel=channel)

    @strawberry.field(description="Set when the variant sells a plan of an offering.")
    async def plan(self, info: ControlPlaneInfo) -> Plan | None:
        row = await info.context.loaders.plan_by_variant.load(str(self.id))
        return Plan.from_row(row) if row else None

    @strawberry.field(description="Set when the variant sells credits: credits per unit bought.")
    async def credit_pack(self, info: ControlPlaneInfo) -> int | None:
        row = await info.context.loaders.credit_pack.load(str(self.id))
        return row.credits if row else None


@strawberry.federation.type(keys=["id"], description="Saleor's User.")
class User:
    """Only what control-plane knows: which organizations a user id is in. Nothing here maps
    an id to an email or anything else private; Saleor answers for those with its own rules."""

    id: strawberry.ID

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> User:
        return cls(id=id)

    @strawberry.field(
        description="ACTIVE memberships only: for the user, all of them; for anyone else, "
        "those in organizations the caller may also see."
    )
    async def organizations(self, info: ControlPlaneInfo) -> list[Organization]:
        ctx = info.context
        memberships = await ctx.loaders.memberships_of_user.load(str(self.id))
        itself = ctx.principal.user_id == str(self.id)
        visible = [
            m
            for m in memberships
            if m.status == models.MembershipStatus.ACTIVE
            and (itself or await access.can_see_organization(ctx, m.organization_id))
        ]
        rows = await ctx.loaders.organization.load_many([m.organization_id for m in visible])
        return [Organization.from_row(row) for row in rows if row is not None]

    @strawberry.field(
        description="The user's own pending (INVITED) memberships; empty for anyone else."
    )
    async def invitations(self, info: ControlPlaneInfo) -> list[Membership]:
        ctx = info.context
        if ctx.principal.user_id is None or ctx.principal.user_id != str(self.id):
            return []
        memberships = await ctx.loaders.memberships_of_user.load(str(self.id))
        return [
            Membership.from_row(m)
            for m in memberships
            if m.status == models.MembershipStatus.INVITED
        ]


@strawberry.federation.type(keys=["id"], description="Saleor's Order.")
class Order:
    id: strawberry.ID

    @strawberry.field(description="Instances provisioned from this order that the caller may see.")
    async def instances(self, info: ControlPlaneInfo) -> list[Instance]:
        ctx = info.context
        rows = await ctx.loaders.instances_of_order.load(str(self.id))
        return [
            Instance.from_row(row)
            for row in rows
            if await access.can_see_organization(ctx, row.organization_id)
        ]
