"""Alembic environment for the webhook inbox."""

from kernel.migrations import run_env
from webhooks.saleor.models import SCHEMA, Base

run_env(SCHEMA, Base.metadata)
