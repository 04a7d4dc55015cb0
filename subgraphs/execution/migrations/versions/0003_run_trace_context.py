"""runs remember the trace and request that started them

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 12:20:00

`trace_context` holds the W3C trace context (`traceparent`, `tracestate`) of the `runStart`
request and its `x-request-id`, so the worker that picks the run up continues the same trace
and logs the same request id. NULL for runs started before, or with tracing off and no id.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("runs", sa.Column("trace_context", JSONB, nullable=True), schema="execution")


def downgrade() -> None:
    op.drop_column("runs", "trace_context", schema="execution")
