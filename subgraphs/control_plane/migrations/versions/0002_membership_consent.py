"""membership by consent: INVITED until accepted; guest orders wait for a claim

Existing memberships were made without asking the user; they stay ACTIVE so nobody loses
access, and every new one starts INVITED. The caller-asserted `email` column goes: it was
never proof of anything (guest orders were matched by it) and Saleor owns the address.

Revision ID: 0002_membership_consent
Revises: 0002
Create Date: 2026-12-02 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_membership_consent"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "control_plane"


def upgrade() -> None:
    # The default fills existing rows, then goes: new rows must say INVITED or ACTIVE.
    op.add_column(
        "memberships",
        sa.Column("status", sa.String(length=8), nullable=False, server_default="ACTIVE"),
        schema=SCHEMA,
    )
    op.alter_column("memberships", "status", server_default=None, schema=SCHEMA)
    op.add_column(
        "memberships",
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        schema=SCHEMA,
    )
    op.execute("UPDATE control_plane.memberships SET accepted_at = created_at")
    op.create_check_constraint(
        "membership_status", "memberships", "status IN ('INVITED', 'ACTIVE')", schema=SCHEMA
    )
    op.drop_index("memberships_email", table_name="memberships", schema=SCHEMA)
    op.drop_column("memberships", "email", schema=SCHEMA)

    op.alter_column(
        "order_applications",
        "status",
        type_=sa.String(length=14),
        existing_type=sa.String(length=10),
        existing_nullable=False,
        schema=SCHEMA,
    )
    op.drop_constraint("order_application_status", "order_applications", schema=SCHEMA)
    op.create_check_constraint(
        "order_application_status",
        "order_applications",
        "status IN ('AWAITING_CLAIM', 'APPLYING', 'APPLIED')",
        schema=SCHEMA,
    )


def downgrade() -> None:
    # The old code knows no claims and no invitations: it would treat both as done deals.
    op.execute("DELETE FROM control_plane.order_applications WHERE status = 'AWAITING_CLAIM'")
    op.drop_constraint("order_application_status", "order_applications", schema=SCHEMA)
    op.create_check_constraint(
        "order_application_status",
        "order_applications",
        "status IN ('APPLYING', 'APPLIED')",
        schema=SCHEMA,
    )
    op.alter_column(
        "order_applications",
        "status",
        type_=sa.String(length=10),
        existing_type=sa.String(length=14),
        existing_nullable=False,
        schema=SCHEMA,
    )

    op.execute("DELETE FROM control_plane.memberships WHERE status = 'INVITED'")
    op.add_column(
        "memberships", sa.Column("email", sa.String(length=254), nullable=True), schema=SCHEMA
    )
    op.create_index(
        "memberships_email",
        "memberships",
        [sa.literal_column("lower(email)")],
        unique=False,
        schema=SCHEMA,
    )
    op.drop_constraint("membership_status", "memberships", schema=SCHEMA)
    op.drop_column("memberships", "accepted_at", schema=SCHEMA)
    op.drop_column("memberships", "status", schema=SCHEMA)
