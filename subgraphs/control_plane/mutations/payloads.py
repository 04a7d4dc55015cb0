"""Inputs and payloads of control-plane's mutations (Saleor's convention: errors in the payload)."""

from __future__ import annotations

import strawberry

from subgraphs.common.errors import CmpError
from subgraphs.common.inputs import OMITTED
from subgraphs.control_plane.models import MemberRole
from subgraphs.control_plane.saleor_types import ProductVariant
from subgraphs.control_plane.types import (
    Instance,
    Membership,
    Offering,
    Organization,
    Project,
)


@strawberry.input
class OrganizationCreateInput:
    name: str
    slug: str | None = OMITTED


@strawberry.input
class ProjectCreateInput:
    organization_id: strawberry.ID
    name: str


@strawberry.input
class MemberAddInput:
    organization_id: strawberry.ID
    user_id: strawberry.ID
    role: MemberRole


@strawberry.input
class MemberRemoveInput:
    organization_id: strawberry.ID
    user_id: strawberry.ID


@strawberry.input
class PlanInput:
    code: str
    name: str
    included_credits: int
    variant_id: strawberry.ID | None = OMITTED


@strawberry.input
class OfferingCreateInput:
    slug: str
    name: str
    flow_id: str = strawberry.field(description="Runtime flow a run executes; never exposed.")
    credits_per_run: int
    description: str | None = OMITTED
    product_id: strawberry.ID | None = OMITTED
    plans: list[PlanInput] | None = OMITTED
    allowed_tweaks: list[str] | None = strawberry.field(
        default=OMITTED,
        description="Component fields a customer's run may tweak, as <component id>.<field>; "
        "never exposed.",
    )


@strawberry.input
class OfferingUpdateInput:
    name: str | None = OMITTED
    description: str | None = OMITTED
    flow_id: str | None = OMITTED
    credits_per_run: int | None = OMITTED
    product_id: strawberry.ID | None = OMITTED
    plans: list[PlanInput] | None = strawberry.field(
        default=OMITTED, description="Replaces the plans, matched by code."
    )
    allowed_tweaks: list[str] | None = strawberry.field(
        default=OMITTED, description="Replaces the list of tweakable component fields."
    )


@strawberry.input
class CreditPackSetInput:
    variant_id: strawberry.ID
    credits: int = strawberry.field(description="Credits per unit bought; 0 removes the pack.")


@strawberry.input
class InstanceProvisionInput:
    organization_id: strawberry.ID
    offering_id: strawberry.ID
    plan_id: strawberry.ID | None = OMITTED
    project_id: strawberry.ID | None = OMITTED
    name: str | None = OMITTED


@strawberry.type
class OrganizationCreatePayload:
    organization: Organization | None = None
    errors: list[CmpError] = strawberry.field(default_factory=list)


@strawberry.type
class ProjectCreatePayload:
    project: Project | None = None
    errors: list[CmpError] = strawberry.field(default_factory=list)


@strawberry.type
class MemberAddPayload:
    membership: Membership | None = None
    errors: list[CmpError] = strawberry.field(default_factory=list)


@strawberry.type
class MemberRemovePayload:
    organization: Organization | None = strawberry.field(
        default=None, description="Null when the caller removed themself (left or declined)."
    )
    errors: list[CmpError] = strawberry.field(default_factory=list)


@strawberry.type
class OfferingCreatePayload:
    offering: Offering | None = None
    errors: list[CmpError] = strawberry.field(default_factory=list)


@strawberry.type
class OfferingUpdatePayload:
    offering: Offering | None = None
    errors: list[CmpError] = strawberry.field(default_factory=list)


@strawberry.type
class CreditPackSetPayload:
    variant: ProductVariant | None = None
    errors: list[CmpError] = strawberry.field(default_factory=list)


@strawberry.type
class InstanceProvisionPayload:
    instance: Instance | None = None
    errors: list[CmpError] = strawberry.field(default_factory=list)


@strawberry.type
class InstancePayload:
    instance: Instance | None = None
    errors: list[CmpError] = strawberry.field(default_factory=list)
