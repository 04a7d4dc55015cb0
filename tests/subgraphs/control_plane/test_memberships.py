"""Membership by consent: memberAdd invites (INVITED), only membershipAccept makes a member,
memberRemove removes, withdraws, leaves or declines (an organization keeps an ACTIVE OWNER),
and an invitation gives no access anywhere: control-plane's root fields and `_entities`, the
service calls billing and execution authorize with, billing's wallet, execution's runStart."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from sqlalchemy import func, select

from subgraphs.control_plane import models
from subgraphs.execution import models as execution_models
from tests.conftest import GraphQLPost, Stack
from tests.subgraphs.control_plane.conftest import (
    CP,
    MEMBER_ADD,
    MEMBER_REMOVE,
    MEMBERSHIP_ACCEPT,
    accept,
    add_member,
    create_offering,
    create_org,
    invite,
    provision,
)
from tests.support.users import TestUser, new_user

ORG = """query($id: ID!) { organization(id: $id) { id name
  members { role status user { id } } projects { id } instances { totalCount } } }"""
MY_ORGS = "{ organizations { id } }"
USER_ENTITY = """query($r: [_Any!]!) { _entities(representations: $r) { ... on User {
  id organizations { id }
  invitations { role status createdAt organization { id slug name } } } } }"""
ACCESS = """query($ids: [ID!]!, $u: ID, $i: ID!) {
  organizationAccess(organizationIds: $ids, userId: $u) { organizationId role }
  instanceRuntime(instanceId: $i, userId: $u) { organizationId role } }"""
WALLET = "query($o: ID!) { wallet(organizationId: $o) { balance reserved } }"
RUN_START = """mutation($i: RunStartInput!) { runStart(input: $i) {
  run { id } errors { code field } } }"""


async def memberships(stack: Stack) -> list[tuple[uuid.UUID, str, str, str]]:
    async with stack.control_plane_db.session() as session:
        rows = await session.execute(
            select(
                models.Membership.organization_id,
                models.Membership.user_id,
                models.Membership.role,
                models.Membership.status,
            ).order_by(models.Membership.organization_id, models.Membership.user_id)
        )
        return [tuple(row) for row in rows.all()]  # type: ignore[misc]


def codes(payload: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(e["code"], e["field"]) for e in payload["errors"]]


async def fund(gql: GraphQLPost, stack: Stack, staff: TestUser, org_id: str, amount: int) -> None:
    body = await gql(
        stack.billing_url,
        "mutation($i: WalletAdjustInput!) { walletAdjust(input: $i) { errors { message } } }",
        {
            "i": {
                "organizationId": org_id,
                "amount": amount,
                "reason": "test credits",
                "idempotencyKey": f"seed-{uuid.uuid4()}",
            }
        },
        token=staff.token,
    )
    assert body["data"]["walletAdjust"]["errors"] == [], body


async def runs_of(stack: Stack, instance_id: str) -> int:
    async with stack.execution_db.session() as session:
        count = await session.scalar(
            select(func.count()).where(execution_models.Run.instance_id == uuid.UUID(instance_id))
        )
    return int(count or 0)


async def test_an_invitation_gives_no_access_anywhere_until_accepted(
    cp: CP, gql: GraphQLPost, stack: Stack, alice: TestUser, bob: TestUser, staff: TestUser
) -> None:
    org = await create_org(cp, alice, "Inviting")
    instance = await provision(cp, staff, org["id"], await create_offering(cp, staff))
    await fund(gql, stack, staff, org["id"], 50)

    invited = await invite(cp, alice, org["id"], bob.user_id, "ADMIN")
    assert invited == {
        "role": "ADMIN",
        "status": "INVITED",
        "createdAt": invited["createdAt"],
        "user": {"id": bob.user_id},
        "organization": {"id": org["id"]},
    }

    async def bob_sees() -> dict[str, Any]:
        """Every way in for Bob, and what he gets on each."""
        by_id = await cp(ORG, {"id": org["id"]}, token=bob.token)
        entities = await cp(
            """query($r: [_Any!]!) { _entities(representations: $r) {
              ... on Organization { id name } ... on Instance { id } } }""",
            {
                "r": [
                    {"__typename": "Organization", "id": org["id"]},
                    {"__typename": "Instance", "id": instance["id"]},
                ]
            },
            token=bob.token,
        )
        project = await cp(
            """mutation($i: ProjectCreateInput!) { projectCreate(input: $i) {
              project { id } errors { code } } }""",
            {"i": {"organizationId": org["id"], "name": f"P {uuid.uuid4().hex[:6]}"}},
            token=bob.token,
        )
        suspend = await cp(
            "mutation($id: ID!) { instanceSuspend(id: $id) { errors { code } } }",
            {"id": instance["id"]},
            token=bob.token,
        )
        service = await cp(
            ACCESS, {"ids": [org["id"]], "u": bob.user_id, "i": instance["id"]}, service=True
        )
        wallet = await gql(stack.billing_url, WALLET, {"o": org["id"]}, token=bob.token)
        run = await gql(
            stack.execution_url,
            RUN_START,
            {"i": {"instanceId": instance["id"], "input": {"input_value": "hi"}}},
            token=bob.token,
        )
        return {
            "organization": by_id["data"]["organization"],
            "organization_error": by_id.get("errors", [{}])[0].get("extensions", {}).get("code"),
            "organizations": (await cp(MY_ORGS, token=bob.token))["data"]["organizations"],
            "entities": entities["data"]["_entities"],
            "project": project["data"]["projectCreate"]["errors"],
            "suspend": suspend["data"]["instanceSuspend"]["errors"],
            "service": service["data"],
            "wallet": wallet["data"]["wallet"],
            "run": run["data"]["runStart"]["errors"],
        }

    before = await bob_sees()
    assert before == {
        "organization": None,
        "organization_error": "NOT_FOUND",
        "organizations": [],
        "entities": [None, None],
        "project": [{"code": "NOT_FOUND"}],
        "suspend": [{"code": "NOT_FOUND"}],
        "service": {
            "organizationAccess": [{"organizationId": org["id"], "role": None}],
            "instanceRuntime": {"organizationId": org["id"], "role": None},
        },
        "wallet": None,
        "run": [{"code": "NOT_FOUND", "field": "instanceId"}],
    }
    assert await runs_of(stack, instance["id"]) == 0
    wallet = await gql(stack.billing_url, WALLET, {"o": org["id"]}, token=alice.token)
    assert wallet["data"]["wallet"] == {"balance": 50, "reserved": 0}

    # The invitation shows Bob which organization asks, and nothing of its data.
    reps = {"r": [{"__typename": "User", "id": bob.user_id}]}
    entity = (await cp(USER_ENTITY, reps, token=bob.token))["data"]["_entities"][0]
    assert entity["organizations"] == []
    assert entity["invitations"] == [
        {
            "role": "ADMIN",
            "status": "INVITED",
            "createdAt": invited["createdAt"],
            "organization": {"id": org["id"], "slug": org["slug"], "name": "Inviting"},
        }
    ]
    for field in ("members { role }", "projects { id }", "instances { totalCount }"):
        peek = await cp(
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on User {"
            f" invitations {{ organization {{ {field} }} }} }} }} }}",
            reps,
            token=bob.token,
        )
        assert peek["errors"][0]["extensions"]["code"] == "NOT_FOUND", field
        assert "Inviting" not in str(peek) and alice.user_id not in str(peek)

    accepted = await accept(cp, bob, org["id"])
    assert accepted == {
        "role": "ADMIN",
        "status": "ACTIVE",
        "user": {"id": bob.user_id},
        "organization": {"id": org["id"], "name": "Inviting"},
    }
    after = await bob_sees()
    assert after["organization"]["members"] == [
        {"role": "OWNER", "status": "ACTIVE", "user": {"id": alice.user_id}},
        {"role": "ADMIN", "status": "ACTIVE", "user": {"id": bob.user_id}},
    ]
    assert after["organizations"] == [{"id": org["id"]}]
    assert [e["id"] for e in after["entities"]] == [org["id"], instance["id"]]
    assert after["project"] == [] and after["suspend"] == []
    assert after["service"]["organizationAccess"] == [
        {"organizationId": org["id"], "role": "ADMIN"}
    ]
    assert after["service"]["instanceRuntime"]["role"] == "ADMIN"
    assert after["wallet"]["balance"] == 50
    # The instance is SUSPENDED now (Bob just suspended it): access passed, the state refused.
    assert after["run"] == [{"code": "INSTANCE_NOT_ACTIVE", "field": "instanceId"}]
    entity = (await cp(USER_ENTITY, reps, token=bob.token))["data"]["_entities"][0]
    assert entity["invitations"] == [] and entity["organizations"] == [{"id": org["id"]}]


async def test_a_strangers_member_add_gives_nobody_access(
    cp: CP, stack: Stack, alice: TestUser, dev_issuer: Any
) -> None:
    mallory = new_user(dev_issuer, "mallory")
    victim_org = await create_org(cp, alice, "Victim")
    trap = await create_org(cp, mallory, "Trap")
    before = await memberships(stack)

    # Mallory cannot add himself (or anyone) to Alice's organization: it does not exist for him.
    for user_id, role in ((mallory.user_id, "OWNER"), (mallory.user_id, "MEMBER")):
        body = await cp(
            MEMBER_ADD,
            {"input": {"organizationId": victim_org["id"], "userId": user_id, "role": role}},
            token=mallory.token,
        )
        assert codes(body["data"]["memberAdd"]) == [("NOT_FOUND", None)]
    assert await memberships(stack) == before

    # He may invite Alice into his own organization, as OWNER even: that is all it is.
    await invite(cp, mallory, trap["id"], alice.user_id, "OWNER")
    mine = await cp(MY_ORGS, token=alice.token)
    assert trap["id"] not in {o["id"] for o in mine["data"]["organizations"]}
    seen = await cp(ORG, {"id": victim_org["id"]}, token=mallory.token)
    assert seen["data"]["organization"] is None
    assert seen["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    # Nor can he accept on Alice's behalf, or remove her from her own organization.
    stolen = await cp(MEMBERSHIP_ACCEPT, {"org": trap["id"]}, token=mallory.token)
    assert codes(stolen["data"]["membershipAccept"]) == [("CONFLICT", "organizationId")]
    removed = await cp(
        MEMBER_REMOVE,
        {"input": {"organizationId": victim_org["id"], "userId": alice.user_id}},
        token=mallory.token,
    )
    assert codes(removed["data"]["memberRemove"]) == [("NOT_FOUND", None)]
    assert [m for m in await memberships(stack) if m not in before] == [
        (uuid.UUID(trap["id"]), alice.user_id, "OWNER", "INVITED")
    ]


async def test_member_add_rules_change_nothing_when_refused(
    cp: CP, stack: Stack, alice: TestUser, bob: TestUser, dev_issuer: Any
) -> None:
    carol = new_user(dev_issuer, "carol")
    org = await create_org(cp, alice)
    await add_member(cp, alice, org["id"], bob, "MEMBER")
    await invite(cp, alice, org["id"], carol.user_id, "ADMIN")
    before = await memberships(stack)

    def add(user_id: str, role: str = "MEMBER", org_id: str = org["id"]) -> dict[str, Any]:
        return {"input": {"organizationId": org_id, "userId": user_id, "role": role}}

    cases: list[tuple[dict[str, Any], TestUser | None, list[tuple[str, str | None]]]] = [
        (add("VXNlcjo5OTk="), bob, [("FORBIDDEN", None)]),  # a MEMBER invites nobody
        (add(carol.user_id, "MEMBER"), alice, [("CONFLICT", "userId")]),  # already invited
        (add(bob.user_id, "ADMIN"), alice, [("CONFLICT", "userId")]),  # already a member
        (add(" "), alice, [("INVALID", "userId")]),
        (add("x" * 201), alice, [("INVALID", "userId")]),
        (add(bob.user_id, org_id="nope"), alice, [("INVALID", "organizationId")]),
        (add(bob.user_id, org_id=str(uuid.uuid4())), alice, [("NOT_FOUND", None)]),
        (add("VXNlcjo5OTk="), None, [("UNAUTHENTICATED", None)]),
    ]
    for variables, user, expected in cases:
        body = await cp(MEMBER_ADD, variables, token=user.token if user else None)
        payload = body["data"]["memberAdd"]
        assert payload["membership"] is None
        assert codes(payload) == expected, variables
    assert await memberships(stack) == before


async def test_an_admin_invites_but_only_an_owner_invites_an_owner(
    cp: CP, alice: TestUser, bob: TestUser
) -> None:
    org = await create_org(cp, alice)
    await add_member(cp, alice, org["id"], bob, "ADMIN")
    as_admin = await cp(
        MEMBER_ADD,
        {"input": {"organizationId": org["id"], "userId": "VXNlcjo3Nw==", "role": "OWNER"}},
        token=bob.token,
    )
    assert codes(as_admin["data"]["memberAdd"]) == [("FORBIDDEN", "role")]
    member = await invite(cp, bob, org["id"], "VXNlcjo3Nw==", "MEMBER")
    assert member["status"] == "INVITED"
    owner = await invite(cp, alice, org["id"], "VXNlcjo3OA==", "OWNER")
    assert owner["status"] == "INVITED"


async def test_accept_is_for_the_invited_user_once(
    cp: CP, stack: Stack, alice: TestUser, bob: TestUser, dev_issuer: Any
) -> None:
    org = await create_org(cp, alice)
    nobody = await cp(MEMBERSHIP_ACCEPT, {"org": org["id"]}, token=bob.token)
    assert codes(nobody["data"]["membershipAccept"]) == [("NOT_FOUND", "organizationId")]
    for variables, token, expected in (
        ({"org": "nope"}, bob.token, [("INVALID", "organizationId")]),
        ({"org": org["id"]}, None, [("UNAUTHENTICATED", None)]),
    ):
        body = await cp(MEMBERSHIP_ACCEPT, variables, token=token)
        assert codes(body["data"]["membershipAccept"]) == expected
    owner_again = await cp(MEMBERSHIP_ACCEPT, {"org": org["id"]}, token=alice.token)
    assert codes(owner_again["data"]["membershipAccept"]) == [("CONFLICT", "organizationId")]

    await invite(cp, alice, org["id"], bob.user_id)
    results = await asyncio.gather(
        *(cp(MEMBERSHIP_ACCEPT, {"org": org["id"]}, token=bob.token) for _ in range(10))
    )
    outcomes = sorted(str(codes(r["data"]["membershipAccept"])) for r in results)
    assert outcomes == ["[('CONFLICT', 'organizationId')]"] * 9 + ["[]"]
    assert (uuid.UUID(org["id"]), bob.user_id, "MEMBER", "ACTIVE") in await memberships(stack)


async def test_remove_withdraw_leave_and_decline(
    cp: CP, stack: Stack, alice: TestUser, bob: TestUser, dev_issuer: Any
) -> None:
    carol, dave = new_user(dev_issuer, "carol"), new_user(dev_issuer, "dave")
    org = await create_org(cp, alice)
    await add_member(cp, alice, org["id"], bob, "ADMIN")
    await add_member(cp, alice, org["id"], carol, "MEMBER")
    await invite(cp, alice, org["id"], dave.user_id, "MEMBER")

    def remove(user: TestUser | str) -> dict[str, Any]:
        user_id = user if isinstance(user, str) else user.user_id
        return {"input": {"organizationId": org["id"], "userId": user_id}}

    before = await memberships(stack)
    refused: list[tuple[dict[str, Any], TestUser, list[tuple[str, str | None]]]] = [
        (remove(bob), carol, [("FORBIDDEN", None)]),  # a MEMBER removes nobody else
        (remove(alice), bob, [("FORBIDDEN", "userId")]),  # an ADMIN does not remove an OWNER
        (remove(alice), alice, [("CONFLICT", "userId")]),  # the last OWNER stays
        (remove("VXNlcjo5OTk="), alice, [("NOT_FOUND", "userId")]),
        (remove(" "), alice, [("INVALID", "userId")]),
        (
            {"input": {"organizationId": "x", "userId": bob.user_id}},
            alice,
            [("INVALID", "organizationId")],
        ),
    ]
    for variables, user, expected in refused:
        body = await cp(MEMBER_REMOVE, variables, token=user.token)
        assert codes(body["data"]["memberRemove"]) == expected, (variables, user.email)
        assert body["data"]["memberRemove"]["organization"] is None
    assert await memberships(stack) == before

    # Dave declines; Carol leaves; both payloads say nothing more of the organization.
    for user in (dave, carol):
        body = await cp(MEMBER_REMOVE, remove(user), token=user.token)
        assert body["data"]["memberRemove"] == {"organization": None, "errors": []}
    gone = await cp(ORG, {"id": org["id"]}, token=carol.token)
    assert gone["data"]["organization"] is None  # access ends with the membership
    # An ADMIN removes a member (Bob withdraws Dave's new invitation); the payload shows the rest.
    await invite(cp, alice, org["id"], dave.user_id)
    body = await cp(MEMBER_REMOVE, remove(dave), token=bob.token)
    assert body["data"]["memberRemove"] == {
        "organization": {
            "id": org["id"],
            "members": [
                {"role": "OWNER", "status": "ACTIVE", "user": {"id": alice.user_id}},
                {"role": "ADMIN", "status": "ACTIVE", "user": {"id": bob.user_id}},
            ],
        },
        "errors": [],
    }
    # With a second ACTIVE OWNER, the first may go.
    await add_member(cp, alice, org["id"], carol, "OWNER")
    body = await cp(MEMBER_REMOVE, remove(alice), token=alice.token)
    assert body["data"]["memberRemove"]["errors"] == []
    assert [m[1:] for m in await memberships(stack) if m[0] == uuid.UUID(org["id"])] == sorted(
        [(bob.user_id, "ADMIN", "ACTIVE"), (carol.user_id, "OWNER", "ACTIVE")]
    )


async def test_owners_removing_each_other_at_once_leave_one_owner(
    cp: CP, stack: Stack, alice: TestUser, bob: TestUser
) -> None:
    for _ in range(5):
        org = await create_org(cp, alice)
        await add_member(cp, alice, org["id"], bob, "OWNER")
        results = await asyncio.gather(
            cp(
                MEMBER_REMOVE,
                {"input": {"organizationId": org["id"], "userId": bob.user_id}},
                token=alice.token,
            ),
            cp(
                MEMBER_REMOVE,
                {"input": {"organizationId": org["id"], "userId": alice.user_id}},
                token=bob.token,
            ),
        )
        # The second one finds its caller no longer a member (before or after taking the lock).
        errors = sorted(str(codes(r["data"]["memberRemove"])) for r in results)
        assert errors in (["[('FORBIDDEN', None)]", "[]"], ["[('NOT_FOUND', None)]", "[]"])
        owners = [m for m in await memberships(stack) if m[0] == uuid.UUID(org["id"])]
        assert [(role, status) for _, _, role, status in owners] == [("OWNER", "ACTIVE")]


async def test_the_user_entity_maps_no_id_to_an_email(
    cp: CP, alice: TestUser, bob: TestUser, staff: TestUser
) -> None:
    """control-plane's User knows ids and memberships only; whoever asks, no id becomes an
    email and no email becomes an id."""
    shared = await create_org(cp, alice, "Shared")
    private = await create_org(cp, alice, "Private")
    await add_member(cp, alice, shared["id"], bob)
    pending = await create_org(cp, bob, "Bob's")
    await invite(cp, bob, pending["id"], alice.user_id)

    reps = {"r": [{"__typename": "User", "id": alice.user_id}]}
    as_alice = (await cp(USER_ENTITY, reps, token=alice.token))["data"]["_entities"][0]
    assert {o["id"] for o in as_alice["organizations"]} == {shared["id"], private["id"]}
    assert [i["organization"]["id"] for i in as_alice["invitations"]] == [pending["id"]]
    as_bob = (await cp(USER_ENTITY, reps, token=bob.token))["data"]["_entities"][0]
    assert as_bob == {
        "id": alice.user_id,
        "organizations": [{"id": shared["id"]}],
        "invitations": [],
    }
    as_staff = (await cp(USER_ENTITY, reps, token=staff.token))["data"]["_entities"][0]
    assert len(as_staff["organizations"]) == 2 and as_staff["invitations"] == []

    for token in (bob.token, staff.token, None):
        asked = await cp(
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id email } } }",
            reps,
            token=token,
        )
        assert asked.get("data") is None
        assert "Cannot query field 'email' on type 'User'" in asked["errors"][0]["message"]
        by_email = await cp(
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id } } }",
            {"r": [{"__typename": "User", "email": alice.email}]},
            token=token,
        )
        assert by_email["data"] is None or by_email["data"]["_entities"] == [None]
        assert alice.user_id not in str(by_email) and alice.email not in str(asked)
    members = await cp(ORG, {"id": shared["id"]}, token=bob.token)
    assert alice.email not in str(members) and bob.email not in str(members)
