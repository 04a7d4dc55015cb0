"""Alembic environment for the control-plane schema."""

from kernel.migrations import run_env
from subgraphs.control_plane.models import SCHEMA, Base

run_env(SCHEMA, Base.metadata)
