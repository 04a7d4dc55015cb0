"""`_entities`: tenant isolation on every entity, and batched resolution."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

from tests.subgraphs.control_plane.conftest import CP, create_offering, create_org, provision
from tests.support.users import TestUser


@contextmanager
def control_plane_statements() -> Iterator[list[str]]:
    """SQL statements on control-plane's tables, from any engine in this process (the
    subgraph's pool lives inside its app, so we listen on the Engine class)."""
    statements: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if "control_plane." in statement:
            statements.append(statement)

    event.listen(Engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(Engine, "before_cursor_execute", record)


async def test_other_tenants_entities_are_null_with_errors(
    cp: CP, alice: TestUser, bob: TestUser, staff: TestUser
) -> None:
    org = await create_org(cp, alice)
    instance = await provision(cp, staff, org["id"], await create_offering(cp, staff))
    project = (
        await cp(
            "mutation($i: ProjectCreateInput!) { projectCreate(input: $i) { project { id } } }",
            {"i": {"organizationId": org["id"], "name": "Secret"}},
            token=alice.token,
        )
    )["data"]["projectCreate"]["project"]
    reps = [
        {"__typename": "Organization", "id": org["id"]},
        {"__typename": "Instance", "id": instance["id"]},
        {"__typename": "Project", "id": project["id"]},
    ]
    query = """query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Organization { id name } ... on Instance { id name status } ... on Project { id name } } }"""
    as_bob = await cp(query, {"r": reps}, token=bob.token)
    assert as_bob["data"]["_entities"] == [None, None, None]
    assert sorted(e["path"][1] for e in as_bob["errors"]) == [0, 1, 2]
    assert {e["extensions"]["code"] for e in as_bob["errors"]} == {"NOT_FOUND"}
    anonymous = await cp(query, {"r": reps})
    assert anonymous["data"]["_entities"] == [None, None, None]
    as_alice = await cp(query, {"r": reps}, token=alice.token)
    assert [e["id"] for e in as_alice["data"]["_entities"]] == [
        org["id"],
        instance["id"],
        project["id"],
    ]
    assert "errors" not in as_alice


async def test_hundred_organizations_cost_at_most_three_statements(cp: CP, alice: TestUser) -> None:
    orgs = [await create_org(cp, alice, f"Org {n}") for n in range(100)]
    reps = [{"__typename": "Organization", "id": o["id"]} for o in orgs]
    query = (
        "query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { id slug } } }"
    )
    with control_plane_statements() as statements:
        body = await cp(query, {"r": reps}, token=alice.token)
    assert [e["id"] for e in body["data"]["_entities"]] == [o["id"] for o in orgs]
    assert 1 <= len(statements) <= 3, statements


async def test_hundred_instances_cost_at_most_three_statements(
    cp: CP, staff: TestUser, alice: TestUser
) -> None:
    org = await create_org(cp, alice)
    offering = await create_offering(cp, staff)
    instances = [await provision(cp, staff, org["id"], offering) for _ in range(100)]
    reps = [{"__typename": "Instance", "id": i["id"]} for i in instances]
    query = (
        "query($r: [_Any!]!) { _entities(representations: $r) { ... on Instance { id status } } }"
    )
    with control_plane_statements() as statements:
        body = await cp(query, {"r": reps}, token=alice.token)
    assert [e["id"] for e in body["data"]["_entities"]] == [i["id"] for i in instances]
    assert 1 <= len(statements) <= 3, statements
