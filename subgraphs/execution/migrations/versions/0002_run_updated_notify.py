"""notify listeners of every change to a run

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 09:40:00

Every insert or update of a run sends its id on `cmp_execution_run_updated` at commit, whichever
process made the change (API, worker, sweeper), so `runUpdated` subscribers on any host hear it.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FUNCTION = """
CREATE FUNCTION execution.notify_run_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('cmp_execution_run_updated', NEW.id::text);
  RETURN NULL;
END;
$$
"""

TRIGGER = """
CREATE TRIGGER runs_notify_updated
AFTER INSERT OR UPDATE ON execution.runs
FOR EACH ROW EXECUTE FUNCTION execution.notify_run_updated()
"""


def upgrade() -> None:
    op.execute(FUNCTION)
    op.execute(TRIGGER)


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS runs_notify_updated ON execution.runs")
    op.execute("DROP FUNCTION IF EXISTS execution.notify_run_updated()")
