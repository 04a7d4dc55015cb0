"""Alembic environment for the execution schema."""

from kernel.migrations import run_env
from subgraphs.execution.models import SCHEMA, Base

run_env(SCHEMA, Base.metadata)
