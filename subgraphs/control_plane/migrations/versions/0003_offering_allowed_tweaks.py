"""offering allowed tweaks: the component fields a customer's run may set

Revision ID: 0003_offering_allowed_tweaks
Revises: 0002_membership_consent
Create Date: 2026-11-27 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003_offering_allowed_tweaks"
down_revision: str | None = "0002_membership_consent"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Existing offerings allow no tweaks: the safe default.
    op.add_column(
        "offerings",
        sa.Column(
            "allowed_tweaks",
            postgresql.ARRAY(sa.String(length=200)),
            server_default=sa.text("'{}'"),
            nullable=False,
        ),
        schema="control_plane",
    )


def downgrade() -> None:
    op.drop_column("offerings", "allowed_tweaks", schema="control_plane")
