"""saleor webhook inbox

Revision ID: 0001
Revises:
Create Date: 2026-11-25 14:09:55.091736
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
        "saleor_deliveries",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("api_url", sa.String(length=500), nullable=False),
        sa.Column("event", sa.String(length=100), nullable=False),
        sa.Column("order_id", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), server_default="PENDING", nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column(
            "received_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "next_attempt_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("processed_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('PENDING', 'PROCESSED', 'FAILED')", name="saleor_delivery_status"
        ),
        sa.PrimaryKeyConstraint("id"),
        schema="webhooks",
    )
    op.create_index(
        "saleor_deliveries_due",
        "saleor_deliveries",
        ["next_attempt_at"],
        unique=False,
        schema="webhooks",
        postgresql_where=sa.text("status = 'PENDING'"),
    )
    op.create_index(
        "saleor_deliveries_order",
        "saleor_deliveries",
        ["order_id"],
        unique=False,
        schema="webhooks",
    )


def downgrade() -> None:
    op.drop_index("saleor_deliveries_order", table_name="saleor_deliveries", schema="webhooks")
    op.drop_index(
        "saleor_deliveries_due",
        table_name="saleor_deliveries",
        schema="webhooks",
        postgresql_where=sa.text("status = 'PENDING'"),
    )
    op.drop_table("saleor_deliveries", schema="webhooks")
