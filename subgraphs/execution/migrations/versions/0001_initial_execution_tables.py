"""initial execution tables

Revision ID: 0001
Revises:
Create Date: 2026-11-25 13:48:24.818323
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("instance_id", sa.UUID(), nullable=False),
        sa.Column("organization_id", sa.UUID(), nullable=False),
        sa.Column("offering_id", sa.UUID(), nullable=False),
        sa.Column("flow_id", sa.String(length=200), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=True),
        sa.Column("idempotency_key", sa.String(length=200), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("input", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("output", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("credits_reserved", sa.Integer(), nullable=False),
        sa.Column("credits_charged", sa.Integer(), server_default="0", nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=True),
        sa.Column("input_tokens", sa.Integer(), nullable=True),
        sa.Column("output_tokens", sa.Integer(), nullable=True),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("lease_owner", sa.String(length=100), nullable=True),
        sa.Column("lease_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("settled", sa.Boolean(), server_default="false", nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')", name="run_status"
        ),
        sa.CheckConstraint("credits_charged >= 0 AND credits_reserved >= 0", name="run_credits"),
        sa.PrimaryKeyConstraint("id"),
        schema="execution",
    )
    op.create_index(
        "runs_idempotency",
        "runs",
        ["instance_id", "idempotency_key"],
        unique=True,
        schema="execution",
        postgresql_where=sa.text("idempotency_key IS NOT NULL"),
    )
    op.create_index(
        "runs_instance", "runs", ["instance_id", "created_at"], unique=False, schema="execution"
    )
    op.create_index(
        "runs_pending",
        "runs",
        ["created_at"],
        unique=False,
        schema="execution",
        postgresql_where=sa.text("status IN ('QUEUED', 'RUNNING') OR NOT settled"),
    )


def downgrade() -> None:
    op.drop_index(
        "runs_pending",
        table_name="runs",
        schema="execution",
        postgresql_where=sa.text("status IN ('QUEUED', 'RUNNING') OR NOT settled"),
    )
    op.drop_index("runs_instance", table_name="runs", schema="execution")
    op.drop_index(
        "runs_idempotency",
        table_name="runs",
        schema="execution",
        postgresql_where=sa.text("idempotency_key IS NOT NULL"),
    )
    op.drop_table("runs", schema="execution")
