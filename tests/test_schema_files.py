"""The committed subgraph SDLs in schema/ are what the code serves; models match migrations."""

from __future__ import annotations

from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import MetaData
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from cmp.sdl import stale_sdls, subgraph_sdl
from kernel.database import async_database_url
from subgraphs.billing.models import Base as BillingBase
from subgraphs.control_plane.models import Base as ControlPlaneBase
from subgraphs.execution.models import Base as ExecutionBase


def test_committed_sdls_are_current() -> None:
    assert stale_sdls() == [], "run `cmp sdl` and commit schema/"


def test_sdl_is_federation_2_with_link() -> None:
    sdl = subgraph_sdl("control-plane")
    assert sdl.startswith('schema @link(url: "https://specs.apollo.dev/federation/v2.')
    assert 'type Organization @key(fields: "id")' in sdl
    assert 'type Product @key(fields: "id channel")' in sdl
    # By id only: control-plane maps no user id to an email (Saleor answers for those).
    assert 'type User @key(fields: "id") {' in sdl
    offering = sdl.split("type Offering @key")[1].split("}")[0]
    assert "flowId" not in offering
    # The only other place it appears is the service-only type, which the API never shows.
    assert "type InstanceRuntime @inaccessible" in sdl


@pytest.mark.parametrize(
    ("schema", "metadata"),
    [
        ("control_plane", ControlPlaneBase.metadata),
        ("billing", BillingBase.metadata),
        ("execution", ExecutionBase.metadata),
    ],
)
async def test_models_match_migrations(database_url: str, schema: str, metadata: MetaData) -> None:
    def only_this_schema(name: str | None, type_: str, parent: object) -> bool:
        return type_ != "schema" or name == schema

    def diff(connection: Connection) -> list[Any]:
        context = MigrationContext.configure(
            connection,
            opts={"include_schemas": True, "include_name": only_this_schema},
        )
        return [d for d in compare_metadata(context, metadata) if "alembic_version" not in str(d)]

    engine = create_async_engine(async_database_url(database_url))
    try:
        async with engine.connect() as connection:
            differences = await connection.run_sync(diff)
    finally:
        await engine.dispose()
    assert differences == []


def test_depth_limit_rejects_deep_documents() -> None:
    from graphql import parse

    from subgraphs.common.operation_guard import DEFAULT_LIMITS, guard_errors

    # projects -> organization -> projects ... builds depth two levels at a time.
    shallow = "query Ok { organizations { projects { instances { organization { id } } } } }"
    assert guard_errors(parse(shallow), DEFAULT_LIMITS) == []
    deep = (
        "query Deep { organizations { "
        + "projects { organization { " * 11
        + "id"
        + " } }" * 11
        + " } }"
    )
    errors = guard_errors(parse(deep), DEFAULT_LIMITS)
    assert [e.extensions for e in errors] == [{"code": "MAX_DEPTH_LIMIT"}]
    assert (
        f"depth limit exceeded in this operation: 24 > {DEFAULT_LIMITS.max_depth}"
        in errors[0].message
    )


def test_depth_limit_measures_fragment_fan_out_once() -> None:
    """30 fragments, each spreading the next twice: 2^30 paths, measured once each."""
    from graphql import parse

    from subgraphs.common.operation_guard import DEFAULT_LIMITS, guard_errors

    fragments = [
        f"fragment F{n} on Organization {{ projects {{ organization {{ ...F{n + 1} ...F{n + 1} }} }} }}"
        for n in range(30)
    ]
    fragments.append("fragment F30 on Organization { id }")
    document = parse("query Wide { organizations { ...F0 } } " + " ".join(fragments))
    errors = guard_errors(document, DEFAULT_LIMITS)
    assert [e.extensions for e in errors] == [
        {"code": "MAX_DEPTH_LIMIT"},
        {"code": "MAX_FIELDS_LIMIT"},
    ]
