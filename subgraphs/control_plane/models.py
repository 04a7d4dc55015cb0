"""control-plane tables, all in the `control_plane` PostgreSQL schema."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    column,
    func,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, UUID
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from subgraphs.common.tables import timestamp_now, uuid_primary_key

SCHEMA = "control_plane"


class MemberRole(StrEnum):
    OWNER = "OWNER"
    ADMIN = "ADMIN"
    MEMBER = "MEMBER"


MANAGER_ROLES = frozenset({MemberRole.OWNER, MemberRole.ADMIN})


class MembershipStatus(StrEnum):
    INVITED = "INVITED"
    ACTIVE = "ACTIVE"


class InstanceStatus(StrEnum):
    PROVISIONING = "PROVISIONING"
    ACTIVE = "ACTIVE"
    SUSPENDED = "SUSPENDED"
    TERMINATED = "TERMINATED"


class OrderApplicationStatus(StrEnum):
    """See OrderApplication."""

    AWAITING_CLAIM = "AWAITING_CLAIM"
    APPLYING = "APPLYING"
    APPLIED = "APPLIED"


class Base(DeclarativeBase):
    metadata = MetaData(schema=SCHEMA)


class Organization(Base):
    __tablename__ = "organizations"

    id: Mapped[uuid.UUID] = uuid_primary_key()
    slug: Mapped[str] = mapped_column(String(50), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    created_at: Mapped[datetime] = timestamp_now()

    @staticmethod
    async def create_with_owner(
        session: AsyncSession, slug: str, name: str, owner_id: str
    ) -> Organization:
        """A new organization whose ACTIVE OWNER is `owner_id` (flushed, so its id is set)."""
        organization = Organization(slug=slug, name=name)
        session.add(organization)
        await session.flush()
        session.add(
            Membership(
                organization_id=organization.id,
                user_id=owner_id,
                role=MemberRole.OWNER,
                status=MembershipStatus.ACTIVE,
                accepted_at=func.now(),
            )
        )
        return organization


class Membership(Base):
    """A user's place in an organization. INVITED until the user accepts: only ACTIVE
    memberships give access or route orders. No email is kept: Saleor owns it, and an
    inviter's word for it is no proof."""

    __tablename__ = "memberships"
    __table_args__ = (
        CheckConstraint(column("role", String).in_(list(MemberRole)), name="membership_role"),
        CheckConstraint(
            column("status", String).in_(list(MembershipStatus)), name="membership_status"
        ),
        Index("memberships_user_id", "user_id"),
    )

    organization_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[str] = mapped_column(String(200), primary_key=True)  # Saleor User id
    role: Mapped[str] = mapped_column(String(10), nullable=False)
    # No default: every insert says whether it is an invitation, so none is ACTIVE by mistake.
    status: Mapped[str] = mapped_column(String(8), nullable=False)
    created_at: Mapped[datetime] = timestamp_now()
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    @staticmethod
    async def active_role(
        session: AsyncSession, organization_id: uuid.UUID, user_id: str | None
    ) -> str | None:
        """The user's role in the organization if ACTIVE there (an invitation is no role)."""
        if user_id is None:
            return None
        role: str | None = await session.scalar(
            select(Membership.role).where(
                Membership.organization_id == organization_id,
                Membership.user_id == user_id,
                Membership.status == MembershipStatus.ACTIVE,
            )
        )
        return role


class Project(Base):
    __tablename__ = "projects"
    __table_args__ = (Index("projects_organization", "organization_id", "name", unique=True),)

    id: Mapped[uuid.UUID] = uuid_primary_key()
    organization_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("organizations.id", ondelete="CASCADE"), nullable=False
    )
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    created_at: Mapped[datetime] = timestamp_now()


class Offering(Base):
    __tablename__ = "offerings"
    __table_args__ = (CheckConstraint("credits_per_run >= 0", name="offering_credits_per_run"),)

    id: Mapped[uuid.UUID] = uuid_primary_key()
    slug: Mapped[str] = mapped_column(String(50), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    flow_id: Mapped[str] = mapped_column(String(200), nullable=False)  # never exposed publicly
    credits_per_run: Mapped[int] = mapped_column(Integer, nullable=False)
    product_id: Mapped[str | None] = mapped_column(String(200), unique=True)  # Saleor Product id
    # "<component id>.<field>" a customer's run may tweak; staff-set, never exposed publicly.
    allowed_tweaks: Mapped[list[str]] = mapped_column(
        ARRAY(String(200)), nullable=False, server_default=text("'{}'")
    )
    created_at: Mapped[datetime] = timestamp_now()


class Plan(Base):
    __tablename__ = "plans"
    __table_args__ = (
        CheckConstraint("included_credits >= 0", name="plan_included_credits"),
        Index("plans_offering_code", "offering_id", "code", unique=True),
        # A Saleor variant sells at most one live plan.
        Index(
            "plans_variant_live",
            "variant_id",
            unique=True,
            postgresql_where=text("archived_at IS NULL AND variant_id IS NOT NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = uuid_primary_key()
    offering_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("offerings.id", ondelete="CASCADE"), nullable=False
    )
    code: Mapped[str] = mapped_column(String(50), nullable=False)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    included_credits: Mapped[int] = mapped_column(Integer, nullable=False)
    variant_id: Mapped[str | None] = mapped_column(String(200))  # Saleor ProductVariant id
    # Plans dropped by offeringUpdate are archived, not deleted: instances still point at them.
    archived_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = timestamp_now()


class CreditPack(Base):
    """A Saleor variant that sells credits (declared by staff with creditPackSet)."""

    __tablename__ = "credit_packs"
    __table_args__ = (CheckConstraint("credits > 0", name="credit_pack_credits"),)

    variant_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    credits: Mapped[int] = mapped_column(Integer, nullable=False)
    created_at: Mapped[datetime] = timestamp_now()


class Instance(Base):
    __tablename__ = "instances"
    __table_args__ = (
        CheckConstraint(column("status", String).in_(list(InstanceStatus)), name="instance_status"),
        Index("instances_organization", "organization_id", "created_at"),
        Index("instances_order", "order_id"),
        Index("instances_project", "project_id"),
    )

    id: Mapped[uuid.UUID] = uuid_primary_key()
    organization_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("organizations.id", ondelete="CASCADE"), nullable=False
    )
    project_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("projects.id", ondelete="SET NULL")
    )
    offering_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("offerings.id"), nullable=False
    )
    plan_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True), ForeignKey("plans.id"))
    order_id: Mapped[str | None] = mapped_column(String(200))  # Saleor Order id
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    status: Mapped[str] = mapped_column(String(12), nullable=False)
    created_at: Mapped[datetime] = timestamp_now()
    updated_at: Mapped[datetime] = timestamp_now()


class OrderApplication(Base):
    """A paid Saleor order, applied once. AWAITING_CLAIM: a guest order, waiting for
    saleorOrderClaim. APPLYING: the organization is decided (and fixed: every retry applies
    to it). APPLIED: the instances exist, so replays and concurrent deliveries find it done."""

    __tablename__ = "order_applications"
    __table_args__ = (
        CheckConstraint(
            column("status", String).in_(list(OrderApplicationStatus)),
            name="order_application_status",
        ),
    )

    order_id: Mapped[str] = mapped_column(String(200), primary_key=True)  # Saleor Order id
    status: Mapped[str] = mapped_column(String(14), nullable=False)
    organization_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("organizations.id", ondelete="SET NULL")
    )
    credits_granted: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    created_at: Mapped[datetime] = timestamp_now()
    applied_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
