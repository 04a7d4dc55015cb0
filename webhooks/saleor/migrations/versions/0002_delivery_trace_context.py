"""deliveries remember the trace of the request that delivered them

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 12:40:00

`trace_context` holds the W3C trace context (`traceparent`, `tracestate`) of the router's span
for Saleor's POST (which continues Saleor's own trace when it sends one): each processing
attempt is a child of it. NULL when tracing was off.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "saleor_deliveries", sa.Column("trace_context", JSONB, nullable=True), schema="webhooks"
    )


def downgrade() -> None:
    op.drop_column("saleor_deliveries", "trace_context", schema="webhooks")
