"""Query.wallet, the Wallet fields, ledger entries and their pages, and who may read them."""

from __future__ import annotations

import uuid
from datetime import datetime

from tests.subgraphs.billing.conftest import WALLET_QUERY, Billing


async def test_owner_reads_every_wallet_field(billing: Billing) -> None:
    owner = billing.user()
    org = await billing.organization(owner)
    grant = await billing.grant(org, 100, kind="PLAN_GRANT", reference="Order:abc")
    assert grant["errors"] == []
    reserved = await billing.reserve(org, 30)
    assert reserved["errors"] == []

    body = await billing.gql(billing.url, WALLET_QUERY, {"org": org}, token=owner)

    assert "errors" not in body, body
    wallet = body["data"]["wallet"]
    uuid.UUID(wallet["id"])
    assert wallet["id"] == grant["wallet"]["id"]
    assert (wallet["balance"], wallet["reserved"], wallet["available"]) == (100, 30, 70)
    assert wallet["organization"] == {"id": org}
    (edge,) = wallet["entries"]["edges"]
    node = edge["node"]
    assert node["id"] == grant["entry"]["id"]
    assert (node["kind"], node["amount"], node["balanceAfter"]) == ("PLAN_GRANT", 100, 100)
    assert node["reference"] == "Order:abc"
    assert datetime.fromisoformat(node["createdAt"]).tzinfo is not None
    assert wallet["entries"]["pageInfo"] == {
        "hasNextPage": False,
        "hasPreviousPage": False,
        "startCursor": edge["cursor"],
        "endCursor": edge["cursor"],
    }
    await billing.assert_consistent(org)


async def test_wallet_is_created_once_on_first_read(billing: Billing) -> None:
    owner = billing.user()
    org = await billing.organization(owner)
    assert (await billing.state(org)).entries == []

    first = await billing.gql(billing.url, WALLET_QUERY, {"org": org}, token=owner)
    second = await billing.gql(billing.url, WALLET_QUERY, {"org": org}, token=owner)

    wallet = first["data"]["wallet"]
    assert (wallet["balance"], wallet["reserved"], wallet["available"]) == (0, 0, 0)
    assert wallet["entries"]["edges"] == []
    assert second["data"]["wallet"]["id"] == wallet["id"]
    async with billing.stack.billing_db.session() as session:
        from sqlalchemy import text

        count = await session.scalar(
            text("SELECT count(*) FROM billing.wallets WHERE organization_id = :o"), {"o": org}
        )
    assert count == 1


async def test_entries_are_paged_newest_first(billing: Billing) -> None:
    owner = billing.user()
    org = await billing.organization(owner)
    for amount in (1, 2, 3, 4, 5):
        assert (await billing.grant(org, amount))["errors"] == []
    query = """query($org: ID!, $first: Int, $after: String) { wallet(organizationId: $org) {
      entries(first: $first, after: $after) {
        edges { cursor node { amount balanceAfter } }
        pageInfo { hasNextPage hasPreviousPage endCursor } } } }"""

    seen: list[int] = []
    after = None
    pages = 0
    while True:
        body = await billing.gql(
            billing.url, query, {"org": org, "first": 2, "after": after}, token=owner
        )
        entries = body["data"]["wallet"]["entries"]
        seen += [edge["node"]["amount"] for edge in entries["edges"]]
        assert entries["pageInfo"]["hasPreviousPage"] is (after is not None)
        pages += 1
        if not entries["pageInfo"]["hasNextPage"]:
            break
        after = entries["pageInfo"]["endCursor"]
    assert seen == [5, 4, 3, 2, 1]
    assert pages == 3
    body = await billing.gql(billing.url, query, {"org": org, "first": 1}, token=owner)
    assert body["data"]["wallet"]["entries"]["edges"][0]["node"]["balanceAfter"] == 15

    for variables, field in (({"first": 101}, "first"), ({"after": "not-a-cursor!"}, "after")):
        body = await billing.gql(billing.url, query, {"org": org, **variables}, token=owner)
        assert body["data"]["wallet"] is None
        assert body["errors"][0]["extensions"]["code"] == "INVALID"
        assert body["errors"][0]["extensions"]["field"] == field


async def test_members_of_any_role_and_staff_read_the_wallet(billing: Billing) -> None:
    owner, member, staff = billing.user(), billing.user(), billing.staff()
    org = await billing.funded(owner, 42)
    await billing.add_member(owner, org, member)

    for token in (member, staff):
        body = await billing.gql(billing.url, WALLET_QUERY, {"org": org}, token=token)
        assert body["data"]["wallet"]["balance"] == 42, body


async def test_other_tenants_and_unknown_organizations_are_not_found(billing: Billing) -> None:
    owner_a, owner_b = billing.user(), billing.user()
    org_a = await billing.funded(owner_a, 77)
    await billing.organization(owner_b)

    stranger = await billing.gql(billing.url, WALLET_QUERY, {"org": org_a}, token=owner_b)
    unknown = await billing.gql(
        billing.url, WALLET_QUERY, {"org": str(uuid.uuid4())}, token=owner_b
    )

    for body in (stranger, unknown):
        assert body["data"] == {"wallet": None}
        (error,) = body["errors"]
        assert error["extensions"]["code"] == "NOT_FOUND"
        assert error["message"] == "wallet not found"  # the same: existence is not revealed
    assert set(stranger) == {"data", "errors"}
    assert set(stranger["errors"][0]) <= {"message", "locations", "path", "extensions"}


async def test_anonymous_and_bad_input_are_refused(billing: Billing) -> None:
    owner = billing.user()
    org = await billing.funded(owner, 5)

    anonymous = await billing.gql(billing.url, WALLET_QUERY, {"org": org})
    assert anonymous["data"] == {"wallet": None}
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"

    forged = await billing.gql(billing.url, WALLET_QUERY, {"org": org}, token="not.a.jwt")
    assert forged["data"] == {"wallet": None}
    assert forged["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert "malformed token" in forged["errors"][0]["message"]

    bad_id = await billing.gql(billing.url, WALLET_QUERY, {"org": "nope"}, token=owner)
    assert bad_id["data"] == {"wallet": None}
    assert bad_id["errors"][0]["extensions"]["code"] == "INVALID"
    assert "Traceback" not in str(bad_id)
