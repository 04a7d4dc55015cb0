"""Alembic environment for the billing schema."""

from kernel.migrations import run_env
from subgraphs.billing.models import SCHEMA, Base

run_env(SCHEMA, Base.metadata)
