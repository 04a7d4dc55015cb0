"""Alembic environment for the webhook inbox."""

from subgraphs.common.migrations import run_env
from webhooks.saleor.models import SCHEMA, Base

run_env(SCHEMA, Base.metadata)
