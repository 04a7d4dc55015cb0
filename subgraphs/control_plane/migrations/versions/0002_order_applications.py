"""order applications: paid Saleor orders applied exactly once

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 14:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "order_applications",
        sa.Column("order_id", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("organization_id", sa.UUID(), nullable=True),
        sa.Column("credits_granted", sa.Integer(), server_default="0", nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("applied_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("status IN ('APPLYING', 'APPLIED')", name="order_application_status"),
        sa.ForeignKeyConstraint(
            ["organization_id"], ["control_plane.organizations.id"], ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("order_id"),
        schema="control_plane",
    )


def downgrade() -> None:
    op.drop_table("order_applications", schema="control_plane")
