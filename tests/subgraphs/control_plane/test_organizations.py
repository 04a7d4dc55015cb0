"""Organizations and projects: the contract's fields, rules and access (memberships: see
test_memberships.py)."""

from __future__ import annotations

from sqlalchemy import func, select

from subgraphs.control_plane import models
from tests.conftest import Stack
from tests.subgraphs.control_plane.conftest import CP, CREATE_ORG, create_org, unique
from tests.support.users import TestUser

ORG_QUERY = """
query($id: ID, $slug: String) {
  organization(id: $id, slug: $slug) {
    id slug name createdAt
    members { role user { id } }
    projects { id name createdAt organization { id } instances { id } }
  }
}"""

PROJECT_CREATE = """
mutation($input: ProjectCreateInput!) {
  projectCreate(input: $input) {
    project { id name createdAt organization { id slug } instances { id } }
    errors { field message code }
  }
}"""


async def count(stack: Stack, model: type[models.Base]) -> int:
    async with stack.control_plane_db.session() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_creator_becomes_owner(cp: CP, alice: TestUser) -> None:
    org = await create_org(cp, alice, "Acme Robotics")
    assert org["name"] == "Acme Robotics"
    assert org["slug"].startswith("acme-robotics")
    assert org["members"] == [
        {
            "role": "OWNER",
            "status": "ACTIVE",  # the creator needs no invitation
            "createdAt": org["members"][0]["createdAt"],
            "user": {"id": alice.user_id},
        }
    ]
    body = await cp("{ organizations { id slug } }", token=alice.token)
    assert {"id": org["id"], "slug": org["slug"]} in body["data"]["organizations"]


async def test_explicit_slug_and_conflict(cp: CP, alice: TestUser, bob: TestUser) -> None:
    slug = unique("team")
    org = await cp(CREATE_ORG, {"input": {"name": "Team", "slug": slug}}, token=alice.token)
    assert org["data"]["organizationCreate"]["organization"]["slug"] == slug
    again = await cp(CREATE_ORG, {"input": {"name": "Other", "slug": slug}}, token=bob.token)
    payload = again["data"]["organizationCreate"]
    assert payload["organization"] is None
    assert payload["errors"] == [
        {"field": "slug", "message": "an organization with this slug exists", "code": "CONFLICT"}
    ]


async def test_derived_slug_gets_a_suffix(cp: CP, alice: TestUser) -> None:
    name = unique("Same Name")
    first = await create_org(cp, alice, name)
    second = await create_org(cp, alice, name)
    assert first["slug"] != second["slug"]
    assert second["slug"].startswith(first["slug"])


async def test_create_rejects_bad_input_and_changes_nothing(
    cp: CP, stack: Stack, alice: TestUser
) -> None:
    before = await count(stack, models.Organization)
    cases = [
        ({"name": ""}, "name", "INVALID"),
        ({"name": "   "}, "name", "INVALID"),
        ({"name": "x" * 101}, "name", "INVALID"),
        ({"name": "ok", "slug": "Not A Slug"}, "slug", "INVALID"),
        ({"name": "ok", "slug": "-dash"}, "slug", "INVALID"),
    ]
    for data, field, code in cases:
        body = await cp(CREATE_ORG, {"input": data}, token=alice.token)
        payload = body["data"]["organizationCreate"]
        assert payload["organization"] is None
        assert [(e["field"], e["code"]) for e in payload["errors"]] == [(field, code)], data
    anonymous = await cp(CREATE_ORG, {"input": {"name": "ok"}})
    assert anonymous["data"]["organizationCreate"]["errors"][0]["code"] == "UNAUTHENTICATED"
    assert await count(stack, models.Organization) == before


async def test_graphql_level_errors_are_clear(cp: CP, alice: TestUser) -> None:
    missing = await cp(CREATE_ORG, {"input": {}}, token=alice.token)
    assert missing["data"] is None
    assert "name" in missing["errors"][0]["message"]
    wrong_type = await cp(CREATE_ORG, {"input": {"name": 5}}, token=alice.token)
    assert wrong_type["data"] is None and "String" in wrong_type["errors"][0]["message"]
    unknown = await cp("{ nope }", token=alice.token)
    assert "nope" in unknown["errors"][0]["message"]


async def test_organization_by_id_and_slug(cp: CP, alice: TestUser) -> None:
    org = await create_org(cp, alice)
    by_id = await cp(ORG_QUERY, {"id": org["id"]}, token=alice.token)
    by_slug = await cp(ORG_QUERY, {"slug": org["slug"]}, token=alice.token)
    assert by_id["data"]["organization"] == by_slug["data"]["organization"]
    assert by_id["data"]["organization"]["members"] == [
        {"role": "OWNER", "user": {"id": alice.user_id}}
    ]
    both = await cp(ORG_QUERY, {"id": org["id"], "slug": org["slug"]}, token=alice.token)
    assert both["errors"][0]["extensions"]["code"] == "INVALID"
    neither = await cp(ORG_QUERY, {}, token=alice.token)
    assert neither["errors"][0]["extensions"]["code"] == "INVALID"
    malformed = await cp(ORG_QUERY, {"id": "not-a-uuid"}, token=alice.token)
    assert malformed["data"]["organization"] is None
    assert malformed["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_other_tenants_organization_is_not_found(
    cp: CP, alice: TestUser, bob: TestUser, staff: TestUser
) -> None:
    org = await create_org(cp, alice)
    for variables in ({"id": org["id"]}, {"slug": org["slug"]}):
        body = await cp(ORG_QUERY, variables, token=bob.token)
        assert body["data"]["organization"] is None
        assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
        assert "Acme" not in str(body)
    mine = await cp("{ organizations { id } }", token=bob.token)
    assert org["id"] not in {o["id"] for o in mine["data"]["organizations"]}
    seen_by_staff = await cp(ORG_QUERY, {"id": org["id"]}, token=staff.token)
    assert seen_by_staff["data"]["organization"]["id"] == org["id"]
    anonymous = await cp(ORG_QUERY, {"id": org["id"]})
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_projects(cp: CP, stack: Stack, alice: TestUser, bob: TestUser) -> None:
    org = await create_org(cp, alice)
    created = await cp(
        PROJECT_CREATE,
        {"input": {"organizationId": org["id"], "name": "Research"}},
        token=alice.token,
    )
    project = created["data"]["projectCreate"]["project"]
    assert project["name"] == "Research"
    assert project["organization"] == {"id": org["id"], "slug": org["slug"]}
    assert project["instances"] == []
    listed = await cp(ORG_QUERY, {"id": org["id"]}, token=alice.token)
    assert [p["id"] for p in listed["data"]["organization"]["projects"]] == [project["id"]]

    before = await count(stack, models.Project)
    bad = [
        ({"organizationId": org["id"], "name": "Research"}, alice, "CONFLICT", "name"),
        ({"organizationId": org["id"], "name": ""}, alice, "INVALID", "name"),
        ({"organizationId": "nope", "name": "X"}, alice, "INVALID", "organizationId"),
        ({"organizationId": org["id"], "name": "X"}, bob, "NOT_FOUND", None),
    ]
    for data, user, code, field in bad:
        body = await cp(PROJECT_CREATE, {"input": data}, token=user.token)
        payload = body["data"]["projectCreate"]
        assert payload["project"] is None
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [(code, field)], data
    assert await count(stack, models.Project) == before


async def test_the_wallet_is_created_with_the_organization(
    cp: CP, stack: Stack, alice: TestUser
) -> None:
    import uuid

    from subgraphs.billing.models import Wallet

    org = await create_org(cp, alice)
    async with stack.billing_db.session() as session:
        wallet = await session.scalar(
            select(Wallet).where(Wallet.organization_id == uuid.UUID(org["id"]))
        )
    assert wallet is not None
    assert (wallet.balance, wallet.reserved) == (0, 0)
