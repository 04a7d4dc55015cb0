"""Instances: provisioning (staff or service), status transitions, connections, Order.instances."""

from __future__ import annotations

import uuid
from typing import Any

from tests.conftest import Stack
from tests.subgraphs.control_plane.conftest import (
    CP,
    MEMBER_REMOVE,
    PROVISION,
    add_member,
    create_offering,
    create_org,
    invite,
    provision,
)
from tests.support.users import TestUser

TRANSITION = """
mutation($id: ID!) {
  suspend: instanceSuspend(id: $id) { instance { status } errors { code field } }
}"""


async def transition(cp: CP, name: str, instance_id: str, user: TestUser) -> dict[str, Any]:
    body = await cp(
        f"mutation($id: ID!) {{ {name}(id: $id) {{ instance {{ id status }} errors {{ code field message }} }} }}",
        {"id": instance_id},
        token=user.token,
    )
    result: dict[str, Any] = body["data"][name]
    return result


async def test_provision_and_read(cp: CP, alice: TestUser, staff: TestUser) -> None:
    org = await create_org(cp, alice)
    offering = await create_offering(cp, staff)
    project = (
        await cp(
            "mutation($i: ProjectCreateInput!) { projectCreate(input: $i) { project { id } } }",
            {"i": {"organizationId": org["id"], "name": "P"}},
            token=alice.token,
        )
    )["data"]["projectCreate"]["project"]
    instance = await provision(
        cp,
        staff,
        org["id"],
        offering,
        planId=offering["plans"][0]["id"],
        projectId=project["id"],
        name="My summarizer",
    )
    assert instance["status"] == "ACTIVE"
    assert instance["name"] == "My summarizer"
    assert instance["organization"] == {"id": org["id"]}
    assert instance["offering"] == {"id": offering["id"]}
    assert instance["plan"] == {"id": offering["plans"][0]["id"]}
    assert instance["project"] == {"id": project["id"]}
    assert instance["order"] is None
    read = await cp(
        "query($id: ID!) { instance(id: $id) { id name status project { instances { id } } } }",
        {"id": instance["id"]},
        token=alice.token,
    )
    assert read["data"]["instance"]["project"]["instances"] == [{"id": instance["id"]}]


async def test_provision_needs_staff_and_valid_input(
    cp: CP, alice: TestUser, bob: TestUser, staff: TestUser
) -> None:
    org = await create_org(cp, alice)
    other_org = await create_org(cp, bob)
    offering = await create_offering(cp, staff)
    other_offering = await create_offering(cp, staff)
    other_project = (
        await cp(
            "mutation($i: ProjectCreateInput!) { projectCreate(input: $i) { project { id } } }",
            {"i": {"organizationId": other_org["id"], "name": "P"}},
            token=bob.token,
        )
    )["data"]["projectCreate"]["project"]
    base = {"organizationId": org["id"], "offeringId": offering["id"]}
    cases = [
        (alice, base, "FORBIDDEN", None),
        (staff, {**base, "organizationId": str(uuid.uuid4())}, "NOT_FOUND", "organizationId"),
        (staff, {**base, "offeringId": str(uuid.uuid4())}, "NOT_FOUND", "offeringId"),
        (staff, {**base, "offeringId": "x"}, "INVALID", "offeringId"),
        (staff, {**base, "planId": other_offering["plans"][0]["id"]}, "INVALID", "planId"),
        (staff, {**base, "projectId": other_project["id"]}, "INVALID", "projectId"),
        (staff, {**base, "name": ""}, "INVALID", "name"),
    ]
    for user, data, code, field in cases:
        body = await cp(PROVISION, {"input": data}, token=user.token)
        payload = body["data"]["instanceProvision"]
        assert payload["instance"] is None
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [(code, field)], data
    listed = await cp(
        "query($id: ID) { organization(id: $id) { instances { totalCount } } }",
        {"id": org["id"]},
        token=alice.token,
    )
    assert listed["data"]["organization"]["instances"]["totalCount"] == 0


async def test_status_transitions(cp: CP, alice: TestUser, staff: TestUser) -> None:
    org = await create_org(cp, alice)
    instance = await provision(cp, staff, org["id"], await create_offering(cp, staff))
    iid = instance["id"]
    assert (await transition(cp, "instanceResume", iid, alice))["errors"][0]["code"] == "CONFLICT"
    suspended = await transition(cp, "instanceSuspend", iid, alice)
    assert suspended == {"instance": {"id": iid, "status": "SUSPENDED"}, "errors": []}
    assert (await transition(cp, "instanceSuspend", iid, alice))["errors"][0]["code"] == "CONFLICT"
    assert (await transition(cp, "instanceResume", iid, alice))["instance"]["status"] == "ACTIVE"
    assert (await transition(cp, "instanceTerminate", iid, alice))["instance"][
        "status"
    ] == "TERMINATED"
    for name in ("instanceSuspend", "instanceResume", "instanceTerminate"):
        result = await transition(cp, name, iid, alice)
        assert result["instance"] is None
        assert result["errors"][0]["code"] == "CONFLICT"


async def test_transitions_need_owner_or_admin(
    cp: CP, alice: TestUser, bob: TestUser, staff: TestUser
) -> None:
    org = await create_org(cp, alice)
    instance = await provision(cp, staff, org["id"], await create_offering(cp, staff))
    outsider = await transition(cp, "instanceSuspend", instance["id"], bob)
    assert outsider["errors"][0]["code"] == "NOT_FOUND"
    await invite(cp, alice, org["id"], bob.user_id, "ADMIN")
    invited = await transition(cp, "instanceSuspend", instance["id"], bob)
    assert invited["errors"][0]["code"] == "NOT_FOUND"  # an invitation is no access
    await cp(
        MEMBER_REMOVE,
        {"input": {"organizationId": org["id"], "userId": bob.user_id}},
        token=alice.token,
    )
    await add_member(cp, alice, org["id"], bob, "MEMBER")
    member = await transition(cp, "instanceSuspend", instance["id"], bob)
    assert member["errors"][0]["code"] == "FORBIDDEN"
    by_staff = await transition(cp, "instanceSuspend", instance["id"], staff)
    assert by_staff["errors"] == []
    malformed = await transition(cp, "instanceSuspend", "123", alice)
    assert malformed["errors"][0]["code"] == "INVALID"


async def test_instances_connection_filters_and_paginates(
    cp: CP, alice: TestUser, staff: TestUser
) -> None:
    org = await create_org(cp, alice)
    offering = await create_offering(cp, staff)
    made = [await provision(cp, staff, org["id"], offering, name=f"i{n}") for n in range(3)]
    await transition(cp, "instanceSuspend", made[0]["id"], alice)
    query = """query($id: ID, $first: Int, $after: String, $status: InstanceStatus) {
      organization(id: $id) { instances(first: $first, after: $after, status: $status) {
        totalCount pageInfo { hasNextPage endCursor } edges { cursor node { name status } } } } }"""
    everything = await cp(query, {"id": org["id"]}, token=alice.token)
    page = everything["data"]["organization"]["instances"]
    assert page["totalCount"] == 3
    assert [e["node"]["name"] for e in page["edges"]] == ["i2", "i1", "i0"]
    active = await cp(query, {"id": org["id"], "status": "ACTIVE"}, token=alice.token)
    assert [e["node"]["name"] for e in active["data"]["organization"]["instances"]["edges"]] == [
        "i2",
        "i1",
    ]
    assert active["data"]["organization"]["instances"]["totalCount"] == 2
    first = await cp(query, {"id": org["id"], "first": 1}, token=alice.token)
    cursor = first["data"]["organization"]["instances"]["pageInfo"]["endCursor"]
    assert first["data"]["organization"]["instances"]["pageInfo"]["hasNextPage"] is True
    rest = await cp(query, {"id": org["id"], "first": 5, "after": cursor}, token=alice.token)
    assert [e["node"]["name"] for e in rest["data"]["organization"]["instances"]["edges"]] == [
        "i1",
        "i0",
    ]
    bad = await cp(query, {"id": org["id"], "status": "NOPE"}, token=alice.token)
    assert bad["data"] is None and "NOPE" in bad["errors"][0]["message"]


async def test_order_instances_visible_to_members_only(
    cp: CP, stack: Stack, alice: TestUser, bob: TestUser, staff: TestUser
) -> None:
    from sqlalchemy import update

    from subgraphs.control_plane import models

    org = await create_org(cp, alice)
    instance = await provision(cp, staff, org["id"], await create_offering(cp, staff))
    order_id = f"T3JkZXI6{uuid.uuid4()}"
    async with stack.control_plane_db.transaction() as session:
        await session.execute(
            update(models.Instance)
            .where(models.Instance.id == uuid.UUID(instance["id"]))
            .values(order_id=order_id)
        )
    query = """query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Order { id instances { id order { id } } } } }"""
    rep = {"r": [{"__typename": "Order", "id": order_id}]}
    mine = await cp(query, rep, token=alice.token)
    assert mine["data"]["_entities"] == [
        {"id": order_id, "instances": [{"id": instance["id"], "order": {"id": order_id}}]}
    ]
    theirs = await cp(query, rep, token=bob.token)
    assert theirs["data"]["_entities"] == [{"id": order_id, "instances": []}]
