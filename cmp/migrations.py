"""Every migration history of the project: one per subgraph, plus the webhook inbox."""

from __future__ import annotations

from pathlib import Path

from kernel.migrations import upgrade
from subgraphs.registry import SUBGRAPHS

WEBHOOKS_MIGRATIONS = Path(__file__).resolve().parent.parent / "webhooks" / "saleor" / "migrations"


def migration_dirs() -> list[Path]:
    return [spec.migrations_dir for spec in SUBGRAPHS.values()] + [WEBHOOKS_MIGRATIONS]


def migrate_all(database_url: str) -> None:
    for directory in migration_dirs():
        upgrade(directory, database_url)
