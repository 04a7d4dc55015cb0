"""Alembic environment for the billing schema."""

from subgraphs.billing.models import SCHEMA, Base
from subgraphs.common.migrations import run_env

run_env(SCHEMA, Base.metadata)
