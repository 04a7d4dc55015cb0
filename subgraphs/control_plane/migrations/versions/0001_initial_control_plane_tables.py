"""initial control-plane tables

Revision ID: 0001
Revises:
Create Date: 2026-11-25 13:38:01.172833
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "credit_packs",
        sa.Column("variant_id", sa.String(length=200), nullable=False),
        sa.Column("credits", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint("credits > 0", name="credit_pack_credits"),
        sa.PrimaryKeyConstraint("variant_id"),
        schema="control_plane",
    )
    op.create_table(
        "offerings",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("slug", sa.String(length=50), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("flow_id", sa.String(length=200), nullable=False),
        sa.Column("credits_per_run", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.String(length=200), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint("credits_per_run >= 0", name="offering_credits_per_run"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("product_id"),
        sa.UniqueConstraint("slug"),
        schema="control_plane",
    )
    op.create_table(
        "organizations",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("slug", sa.String(length=50), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("slug"),
        schema="control_plane",
    )
    op.create_table(
        "memberships",
        sa.Column("organization_id", sa.UUID(), nullable=False),
        sa.Column("user_id", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint("role IN ('OWNER', 'ADMIN', 'MEMBER')", name="membership_role"),
        sa.ForeignKeyConstraint(
            ["organization_id"], ["control_plane.organizations.id"], ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("organization_id", "user_id"),
        schema="control_plane",
    )
    op.create_index(
        "memberships_email",
        "memberships",
        [sa.literal_column("lower(email)")],
        unique=False,
        schema="control_plane",
    )
    op.create_index(
        "memberships_user_id", "memberships", ["user_id"], unique=False, schema="control_plane"
    )
    op.create_table(
        "plans",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("offering_id", sa.UUID(), nullable=False),
        sa.Column("code", sa.String(length=50), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("included_credits", sa.Integer(), nullable=False),
        sa.Column("variant_id", sa.String(length=200), nullable=True),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint("included_credits >= 0", name="plan_included_credits"),
        sa.ForeignKeyConstraint(
            ["offering_id"], ["control_plane.offerings.id"], ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id"),
        schema="control_plane",
    )
    op.create_index(
        "plans_offering_code", "plans", ["offering_id", "code"], unique=True, schema="control_plane"
    )
    op.create_index(
        "plans_variant_live",
        "plans",
        ["variant_id"],
        unique=True,
        schema="control_plane",
        postgresql_where=sa.text("archived_at IS NULL AND variant_id IS NOT NULL"),
    )
    op.create_table(
        "projects",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("organization_id", sa.UUID(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"], ["control_plane.organizations.id"], ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id"),
        schema="control_plane",
    )
    op.create_index(
        "projects_organization",
        "projects",
        ["organization_id", "name"],
        unique=True,
        schema="control_plane",
    )
    op.create_table(
        "instances",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("organization_id", sa.UUID(), nullable=False),
        sa.Column("project_id", sa.UUID(), nullable=True),
        sa.Column("offering_id", sa.UUID(), nullable=False),
        sa.Column("plan_id", sa.UUID(), nullable=True),
        sa.Column("order_id", sa.String(length=200), nullable=True),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "status IN ('PROVISIONING', 'ACTIVE', 'SUSPENDED', 'TERMINATED')",
            name="instance_status",
        ),
        sa.ForeignKeyConstraint(
            ["offering_id"],
            ["control_plane.offerings.id"],
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"], ["control_plane.organizations.id"], ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["control_plane.plans.id"],
        ),
        sa.ForeignKeyConstraint(["project_id"], ["control_plane.projects.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        schema="control_plane",
    )
    op.create_index(
        "instances_order", "instances", ["order_id"], unique=False, schema="control_plane"
    )
    op.create_index(
        "instances_organization",
        "instances",
        ["organization_id", "created_at"],
        unique=False,
        schema="control_plane",
    )
    op.create_index(
        "instances_project", "instances", ["project_id"], unique=False, schema="control_plane"
    )


def downgrade() -> None:
    op.drop_index("instances_project", table_name="instances", schema="control_plane")
    op.drop_index("instances_organization", table_name="instances", schema="control_plane")
    op.drop_index("instances_order", table_name="instances", schema="control_plane")
    op.drop_table("instances", schema="control_plane")
    op.drop_index("projects_organization", table_name="projects", schema="control_plane")
    op.drop_table("projects", schema="control_plane")
    op.drop_index(
        "plans_variant_live",
        table_name="plans",
        schema="control_plane",
        postgresql_where=sa.text("archived_at IS NULL AND variant_id IS NOT NULL"),
    )
    op.drop_index("plans_offering_code", table_name="plans", schema="control_plane")
    op.drop_table("plans", schema="control_plane")
    op.drop_index("memberships_user_id", table_name="memberships", schema="control_plane")
    op.drop_index("memberships_email", table_name="memberships", schema="control_plane")
    op.drop_table("memberships", schema="control_plane")
    op.drop_table("organizations", schema="control_plane")
    op.drop_table("offerings", schema="control_plane")
    op.drop_table("credit_packs", schema="control_plane")
