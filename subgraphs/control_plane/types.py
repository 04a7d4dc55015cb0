"""control-plane's GraphQL types (the Saleor entities it extends are in saleor_types.py)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from subgraphs.common.connections import CountedConnection
from subgraphs.common.errors import not_found
from subgraphs.common.ids import try_parse_id
from subgraphs.common.inputs import OMITTED, opt
from subgraphs.common.loaders import load_by_id
from subgraphs.common.pagination import fetch_page
from subgraphs.control_plane import access, models
from subgraphs.control_plane.context import ControlPlaneContext, ControlPlaneInfo
from subgraphs.control_plane.models import InstanceStatus, MemberRole, MembershipStatus

if TYPE_CHECKING:
    from subgraphs.control_plane.saleor_types import Order, Product, ProductVariant, User

# Some fields here return Saleor's entities, whose module imports this one: they are named
# lazily (resolved when the schema is built).
SALEOR_TYPES = "subgraphs.control_plane.saleor_types"


# The tables' enums (models.py) are also the GraphQL enums.
for table_enum in (MemberRole, MembershipStatus, InstanceStatus):
    strawberry.enum(table_enum)


@strawberry.federation.type(keys=["id"])
class Organization:
    id: strawberry.ID
    slug: str
    name: str
    created_at: datetime

    @classmethod
    def from_row(cls, row: models.Organization) -> Organization:
        return cls(
            id=strawberry.ID(str(row.id)), slug=row.slug, name=row.name, created_at=row.created_at
        )

    @classmethod
    async def resolve_reference(cls, info: ControlPlaneInfo, id: strawberry.ID) -> Organization:
        return await load_organization(info.context, id)

    async def _require_access(self, info: ControlPlaneInfo) -> uuid.UUID:
        """The organization's data is for its ACTIVE members (and staff) only, however the
        object was reached (an invitation shows an organization's name, nothing more)."""
        organization_id = uuid.UUID(self.id)
        await access.require_visible(info.context, organization_id)
        return organization_id

    @strawberry.field(description="Members and pending invitations.")
    async def members(self, info: ControlPlaneInfo) -> list[Membership]:
        rows = await info.context.loaders.members.load(await self._require_access(info))
        return [Membership.from_row(row) for row in rows]

    @strawberry.field
    async def projects(self, info: ControlPlaneInfo) -> list[Project]:
        rows = await info.context.loaders.projects_of_org.load(await self._require_access(info))
        return [Project.from_row(row) for row in rows]

    @strawberry.field
    async def instances(
        self,
        info: ControlPlaneInfo,
        first: int | None = 20,
        after: str | None = OMITTED,
        status: InstanceStatus | None = OMITTED,
    ) -> CountedConnection[Instance]:
        conditions: list[Any] = [
            models.Instance.organization_id == await self._require_access(info)
        ]
        if opt(status) is not None:
            assert status is not None
            conditions.append(models.Instance.status == status.value)
        async with info.context.db.session() as session:
            page = await fetch_page(
                session, models.Instance, conditions, first, opt(after), count_total=True
            )
        return CountedConnection.of(page, Instance.from_row)


async def load_organization(ctx: ControlPlaneContext, raw_id: object) -> Organization:
    organization_id = try_parse_id(raw_id)
    if organization_id is None:
        raise not_found("organization")
    await access.require_visible(ctx, organization_id)
    row = await ctx.loaders.organization.load(organization_id)
    if row is None:
        raise not_found("organization")
    return Organization.from_row(row)


@strawberry.type
class Membership:
    role: MemberRole
    status: MembershipStatus = strawberry.field(
        description="INVITED until the user accepts; only ACTIVE members have access."
    )
    created_at: datetime
    user_id: strawberry.Private[str]
    organization_id: strawberry.Private[uuid.UUID]

    @classmethod
    def from_row(cls, row: models.Membership) -> Membership:
        return cls(
            role=MemberRole(row.role),
            status=MembershipStatus(row.status),
            created_at=row.created_at,
            user_id=row.user_id,
            organization_id=row.organization_id,
        )

    @strawberry.field(
        description="Saleor's User, by its id; null when Saleor does not show that user to "
        "the caller."
    )
    def user(self) -> Annotated[User, strawberry.lazy(SALEOR_TYPES)] | None:
        return saleor_types.User(id=strawberry.ID(self.user_id))

    @strawberry.field(
        description="For the invited user, only its id, slug, name and createdAt: an "
        "invitation gives no access."
    )
    async def organization(self, info: ControlPlaneInfo) -> Organization:
        ctx = info.context
        if ctx.principal.user_id != self.user_id or self.status is MembershipStatus.ACTIVE:
            return await load_organization(ctx, self.organization_id)
        row = await ctx.loaders.organization.load(self.organization_id)
        if row is None:
            raise not_found("organization")
        return Organization.from_row(row)


@strawberry.federation.type(keys=["id"])
class Project:
    id: strawberry.ID
    name: str
    created_at: datetime
    organization_id: strawberry.Private[uuid.UUID]

    @classmethod
    def from_row(cls, row: models.Project) -> Project:
        return cls(
            id=strawberry.ID(str(row.id)),
            name=row.name,
            created_at=row.created_at,
            organization_id=row.organization_id,
        )

    @classmethod
    async def resolve_reference(cls, info: ControlPlaneInfo, id: strawberry.ID) -> Project:
        ctx = info.context
        row = await load_by_id(ctx.loaders.project, id, "project")
        await access.require_visible(ctx, row.organization_id, "project")
        return cls.from_row(row)

    @strawberry.field
    async def organization(self, info: ControlPlaneInfo) -> Organization:
        return await load_organization(info.context, self.organization_id)

    @strawberry.field
    async def instances(self, info: ControlPlaneInfo) -> list[Instance]:
        rows = await info.context.loaders.instances_of_project.load(uuid.UUID(self.id))
        return [Instance.from_row(row) for row in rows]


@strawberry.federation.type(keys=["id"], description="An AI agent sold in the store.")
class Offering:
    id: strawberry.ID
    slug: str
    name: str
    description: str | None
    credits_per_run: int = strawberry.field(
        description="Credits reserved when a run starts, charged when it succeeds."
    )
    product_id: strawberry.Private[str | None]

    @classmethod
    def from_row(cls, row: models.Offering) -> Offering:
        return cls(
            id=strawberry.ID(str(row.id)),
            slug=row.slug,
            name=row.name,
            description=row.description,
            credits_per_run=row.credits_per_run,
            product_id=row.product_id,
        )

    @classmethod
    async def resolve_reference(cls, info: ControlPlaneInfo, id: strawberry.ID) -> Offering:
        return cls.from_row(await load_by_id(info.context.loaders.offering, id, "offering"))

    @strawberry.field(description="The Saleor product that sells it.")
    def product(
        self, info: ControlPlaneInfo
    ) -> Annotated[Product, strawberry.lazy(SALEOR_TYPES)] | None:
        return saleor_types.Product.reference(self.product_id, info) if self.product_id else None

    @strawberry.field
    async def plans(self, info: ControlPlaneInfo) -> list[Plan]:
        rows = await info.context.loaders.plans_of_offering.load(uuid.UUID(self.id))
        return [Plan.from_row(row) for row in rows]


@strawberry.federation.type(keys=["id"], description="Basic, Pro, Enterprise...")
class Plan:
    id: strawberry.ID
    code: str
    name: str
    included_credits: int = strawberry.field(
        description="Credits granted to the wallet when the plan is bought."
    )
    offering_id: strawberry.Private[uuid.UUID]
    variant_id: strawberry.Private[str | None]

    @classmethod
    def from_row(cls, row: models.Plan) -> Plan:
        return cls(
            id=strawberry.ID(str(row.id)),
            code=row.code,
            name=row.name,
            included_credits=row.included_credits,
            offering_id=row.offering_id,
            variant_id=row.variant_id,
        )

    @classmethod
    async def resolve_reference(cls, info: ControlPlaneInfo, id: strawberry.ID) -> Plan:
        return cls.from_row(await load_by_id(info.context.loaders.plan, id, "plan"))

    @strawberry.field
    async def offering(self, info: ControlPlaneInfo) -> Offering:
        loader = info.context.loaders.offering
        return Offering.from_row(await load_by_id(loader, self.offering_id, "offering"))

    @strawberry.field(description="The Saleor variant that sells it.")
    def variant(
        self, info: ControlPlaneInfo
    ) -> Annotated[ProductVariant, strawberry.lazy(SALEOR_TYPES)] | None:
        return (
            saleor_types.ProductVariant.reference(self.variant_id, info)
            if self.variant_id
            else None
        )


@strawberry.federation.type(keys=["id"], description="An offering provisioned for an organization.")
class Instance:
    id: strawberry.ID
    name: str
    status: InstanceStatus
    created_at: datetime
    organization_id: strawberry.Private[uuid.UUID]
    project_id: strawberry.Private[uuid.UUID | None]
    offering_id: strawberry.Private[uuid.UUID]
    plan_id: strawberry.Private[uuid.UUID | None]
    order_id: strawberry.Private[str | None]

    @classmethod
    def from_row(cls, row: models.Instance) -> Instance:
        return cls(
            id=strawberry.ID(str(row.id)),
            name=row.name,
            status=InstanceStatus(row.status),
            created_at=row.created_at,
            organization_id=row.organization_id,
            project_id=row.project_id,
            offering_id=row.offering_id,
            plan_id=row.plan_id,
            order_id=row.order_id,
        )

    @classmethod
    async def resolve_reference(cls, info: ControlPlaneInfo, id: strawberry.ID) -> Instance:
        return await load_instance(info.context, id)

    @strawberry.field
    async def organization(self, info: ControlPlaneInfo) -> Organization:
        return await load_organization(info.context, self.organization_id)

    @strawberry.field
    async def project(self, info: ControlPlaneInfo) -> Project | None:
        if self.project_id is None:
            return None
        row = await info.context.loaders.project.load(self.project_id)
        return Project.from_row(row) if row else None

    @strawberry.field
    async def offering(self, info: ControlPlaneInfo) -> Offering:
        loader = info.context.loaders.offering
        return Offering.from_row(await load_by_id(loader, self.offering_id, "offering"))

    @strawberry.field
    async def plan(self, info: ControlPlaneInfo) -> Plan | None:
        if self.plan_id is None:
            return None
        row = await info.context.loaders.plan.load(self.plan_id)
        return Plan.from_row(row) if row else None

    @strawberry.field(description="The Saleor order it was provisioned from, if any.")
    def order(self) -> Annotated[Order, strawberry.lazy(SALEOR_TYPES)] | None:
        return saleor_types.Order(id=strawberry.ID(self.order_id)) if self.order_id else None


async def load_instance(ctx: ControlPlaneContext, raw_id: object) -> Instance:
    instance_id = try_parse_id(raw_id)
    row = await ctx.loaders.instance.load(instance_id) if instance_id else None
    if row is None:
        access.require_signed_in(ctx)
        raise not_found("instance")
    await access.require_visible(ctx, row.organization_id, "instance")
    return Instance.from_row(row)


# ------------------------------------------------------------------ for CMP services only


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


# Last: saleor_types imports this module's types, and these resolvers build its entities.
from subgraphs.control_plane import saleor_types  # noqa: E402
