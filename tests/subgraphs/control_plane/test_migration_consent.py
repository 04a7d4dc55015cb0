"""Migration 0002_membership_consent on data written before it: every existing membership
stays ACTIVE (nobody loses access), the unverified email column goes, and the downgrade
drops what the old code would misread (invitations, guest orders awaiting a claim)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import asyncpg
import pytest
from alembic import command
from sqlalchemy.engine import make_url

from kernel.migrations import alembic_config, upgrade
from subgraphs.registry import SUBGRAPHS

MIGRATIONS = SUBGRAPHS["control-plane"].migrations_dir


def dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@pytest.fixture
async def scratch_url(database_url: str) -> AsyncIterator[str]:
    """An empty database of its own: the session's is already at head."""
    name = f"cmp_migration_{uuid.uuid4().hex[:10]}"
    admin = await asyncpg.connect(dsn(database_url))
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        yield make_url(database_url).set(database=name).render_as_string(hide_password=False)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def test_existing_memberships_become_active_and_the_downgrade_forgets_invitations(
    scratch_url: str,
) -> None:
    # Alembic runs its own event loop: give it a thread.
    await asyncio.to_thread(upgrade, MIGRATIONS, scratch_url, "0002")
    org = uuid.uuid4()
    db = await asyncpg.connect(dsn(scratch_url))
    try:
        await db.execute(
            "INSERT INTO control_plane.organizations (id, slug, name) VALUES ($1, 'old', 'Old')",
            org,
        )
        await db.execute(
            "INSERT INTO control_plane.memberships (organization_id, user_id, email, role)"
            " VALUES ($1, 'VXNlcjox', 'one@example.com', 'OWNER'),"
            " ($1, 'VXNlcjoy', NULL, 'MEMBER')",
            org,
        )

        await asyncio.to_thread(upgrade, MIGRATIONS, scratch_url, "head")
        rows = await db.fetch(
            "SELECT user_id, role, status, accepted_at = created_at AS accepted"
            " FROM control_plane.memberships ORDER BY user_id"
        )
        assert [tuple(r) for r in rows] == [
            ("VXNlcjox", "OWNER", "ACTIVE", True),
            ("VXNlcjoy", "MEMBER", "ACTIVE", True),
        ]
        columns = await db.fetch(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_schema = 'control_plane' AND table_name = 'memberships'"
        )
        assert "email" not in {c["column_name"] for c in columns}
        with pytest.raises(asyncpg.NotNullViolationError):  # no silent ACTIVE default
            await db.execute(
                "INSERT INTO control_plane.memberships (organization_id, user_id, role)"
                " VALUES ($1, 'VXNlcjoz', 'MEMBER')",
                org,
            )
        await db.execute(
            "INSERT INTO control_plane.memberships (organization_id, user_id, role, status)"
            " VALUES ($1, 'VXNlcjoz', 'ADMIN', 'INVITED')",
            org,
        )
        await db.execute(
            "INSERT INTO control_plane.order_applications (order_id, status)"
            " VALUES ('T3JkZXI6Z3Vlc3Q=', 'AWAITING_CLAIM')"
        )

        await asyncio.to_thread(command.downgrade, alembic_config(MIGRATIONS, scratch_url), "0002")
        rows = await db.fetch(
            "SELECT user_id, role FROM control_plane.memberships ORDER BY user_id"
        )
        assert [tuple(r) for r in rows] == [("VXNlcjox", "OWNER"), ("VXNlcjoy", "MEMBER")]
        assert await db.fetchval("SELECT count(*) FROM control_plane.order_applications") == 0
    finally:
        await db.close()
