"""Offerings, plans and credit packs: staff-managed, publicly readable, flowId never exposed."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from subgraphs.control_plane import models
from tests.conftest import Stack
from tests.subgraphs.control_plane.conftest import CP, CREATE_OFFERING, create_offering, unique
from tests.support.users import TestUser

UPDATE = """
mutation($id: ID!, $input: OfferingUpdateInput!) {
  offeringUpdate(id: $id, input: $input) {
    offering { id name description creditsPerRun product { id channel }
               plans { id code name includedCredits variant { id } } }
    errors { field message code }
  }
}"""

PACK = """
mutation($input: CreditPackSetInput!) {
  creditPackSet(input: $input) { variant { id channel creditPack plan { id } } errors { field code message } }
}"""

ENTITIES = """
query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Product { id channel offering { id slug } }
  ... on ProductVariant { id channel plan { id code offering { slug } } creditPack }
  ... on Offering { id name }
  ... on Plan { id code }
} }"""


async def offerings_count(stack: Stack) -> int:
    async with stack.control_plane_db.session() as session:
        return int(await session.scalar(select(func.count()).select_from(models.Offering)) or 0)


async def test_create_and_read_publicly(cp: CP, staff: TestUser) -> None:
    product, variant = unique("UHJvZHVjdDo"), unique("UHJvZHVjdFZhcmlhbnQ6")
    offering = await create_offering(
        cp,
        staff,
        description="Summarizes documents",
        productId=product,
        plans=[
            {"code": "basic", "name": "Basic", "includedCredits": 100, "variantId": variant},
            {"code": "pro", "name": "Pro", "includedCredits": 1000},
        ],
    )
    assert offering["product"] == {"id": product, "channel": "default-channel"}
    assert [p["code"] for p in offering["plans"]] == ["basic", "pro"]
    assert offering["plans"][0]["variant"] == {"id": variant, "channel": "default-channel"}
    assert offering["plans"][1]["variant"] is None
    assert offering["plans"][0]["offering"] == {"id": offering["id"]}

    # Anonymous visitors read offerings and plans: the storefront shows them before login.
    by_slug = await cp(
        "query($s: String) { offering(slug: $s) { id name description creditsPerRun plans { code } } }",
        {"s": offering["slug"]},
    )
    assert by_slug["data"]["offering"] == {
        "id": offering["id"],
        "name": "Summarizer",
        "description": "Summarizes documents",
        "creditsPerRun": 5,
        "plans": [{"code": "basic"}, {"code": "pro"}],
    }
    by_id = await cp("query($i: ID) { offering(id: $i) { slug } }", {"i": offering["id"]})
    assert by_id["data"]["offering"]["slug"] == offering["slug"]

    entities = await cp(
        ENTITIES,
        {
            "r": [
                {"__typename": "Product", "id": product, "channel": "default-channel"},
                {"__typename": "ProductVariant", "id": variant, "channel": "default-channel"},
                {"__typename": "Product", "id": "UHJvZHVjdDpub3BlCg==", "channel": "x"},
            ]
        },
    )
    assert entities["data"]["_entities"] == [
        {
            "id": product,
            "channel": "default-channel",
            "offering": {"id": offering["id"], "slug": offering["slug"]},
        },
        {
            "id": variant,
            "channel": "default-channel",
            "plan": {
                "id": offering["plans"][0]["id"],
                "code": "basic",
                "offering": {"slug": offering["slug"]},
            },
            "creditPack": None,
        },
        {"id": "UHJvZHVjdDpub3BlCg==", "channel": "x", "offering": None},
    ]


async def test_flow_id_is_never_public(cp: CP) -> None:
    body = await cp("{ offerings { edges { node { flowId } } } }")
    assert body["data"] is None
    assert "flowId" in body["errors"][0]["message"]
    introspection = await cp('{ __type(name: "Offering") { fields { name } } }')
    names = {f["name"] for f in introspection["data"]["__type"]["fields"]}
    assert "flowId" not in names and "flow_id" not in names


async def test_offerings_connection_paginates(cp: CP, staff: TestUser) -> None:
    created = [await create_offering(cp, staff) for _ in range(3)]
    query = """query($first: Int, $after: String) { offerings(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { id } } } }"""
    first = await cp(query, {"first": 2})
    page = first["data"]["offerings"]
    assert page["totalCount"] >= 3
    # Newest first: the last created offering leads.
    assert page["edges"][0]["node"]["id"] == created[-1]["id"]
    assert page["edges"][1]["node"]["id"] == created[-2]["id"]
    assert page["pageInfo"]["hasNextPage"] is True
    assert page["pageInfo"]["hasPreviousPage"] is False
    assert page["pageInfo"]["endCursor"] == page["edges"][1]["cursor"]
    second = await cp(query, {"first": 1, "after": page["pageInfo"]["endCursor"]})
    assert second["data"]["offerings"]["edges"][0]["node"]["id"] == created[-3]["id"]
    assert second["data"]["offerings"]["pageInfo"]["hasPreviousPage"] is True
    bad_cursor = await cp(query, {"first": 1, "after": "garbage!"})
    assert bad_cursor["errors"][0]["extensions"]["code"] == "INVALID"
    too_many = await cp(query, {"first": 1000})
    assert too_many["errors"][0]["extensions"]["code"] == "INVALID"


async def test_only_staff_manage_offerings(
    cp: CP, stack: Stack, alice: TestUser, staff: TestUser
) -> None:
    before = await offerings_count(stack)
    data = {"slug": unique("x"), "name": "X", "flowId": "f", "creditsPerRun": 1}
    as_user = await cp(CREATE_OFFERING, {"input": data}, token=alice.token)
    assert as_user["data"]["offeringCreate"]["errors"][0]["code"] == "FORBIDDEN"
    anonymous = await cp(CREATE_OFFERING, {"input": data})
    assert anonymous["data"]["offeringCreate"]["errors"][0]["code"] == "UNAUTHENTICATED"
    offering = await create_offering(cp, staff)
    update = await cp(
        UPDATE, {"id": offering["id"], "input": {"name": "Hacked"}}, token=alice.token
    )
    assert update["data"]["offeringUpdate"]["errors"][0]["code"] == "FORBIDDEN"
    pack = await cp(PACK, {"input": {"variantId": "v", "credits": 5}}, token=alice.token)
    assert pack["data"]["creditPackSet"]["errors"][0]["code"] == "FORBIDDEN"
    assert await offerings_count(stack) == before + 1


async def test_create_rejects_bad_input(cp: CP, stack: Stack, staff: TestUser) -> None:
    existing = await create_offering(cp, staff, productId=unique("prod"))
    base: dict[str, Any] = {"slug": unique("ok"), "name": "N", "flowId": "f", "creditsPerRun": 1}
    cases: list[tuple[dict[str, Any], str, str]] = [
        ({"slug": "Bad Slug"}, "slug", "INVALID"),
        ({"slug": existing["slug"]}, "slug", "CONFLICT"),
        ({"name": ""}, "name", "INVALID"),
        ({"flowId": ""}, "flowId", "INVALID"),
        ({"creditsPerRun": -1}, "creditsPerRun", "INVALID"),
        ({"productId": existing["product"]["id"]}, "productId", "CONFLICT"),
        (
            {"plans": [{"code": "a", "name": "A", "includedCredits": -5}]},
            "plans.0.includedCredits",
            "INVALID",
        ),
        (
            {
                "plans": [
                    {"code": "a", "name": "A", "includedCredits": 1},
                    {"code": "a", "name": "B", "includedCredits": 1},
                ]
            },
            "plans.1.code",
            "INVALID",
        ),
        (
            {"plans": [{"code": "has space", "name": "A", "includedCredits": 1}]},
            "plans.0.code",
            "INVALID",
        ),
    ]
    before = await offerings_count(stack)
    for override, field, code in cases:
        body = await cp(CREATE_OFFERING, {"input": {**base, **override}}, token=staff.token)
        payload = body["data"]["offeringCreate"]
        assert payload["offering"] is None
        assert [(e["field"], e["code"]) for e in payload["errors"]] == [(field, code)], override
    assert await offerings_count(stack) == before


async def test_update_replaces_plans_by_code(cp: CP, staff: TestUser) -> None:
    v1, v2 = unique("var"), unique("var")
    offering = await create_offering(
        cp,
        staff,
        plans=[
            {"code": "basic", "name": "Basic", "includedCredits": 100, "variantId": v1},
            {"code": "pro", "name": "Pro", "includedCredits": 1000},
        ],
    )
    basic_id = offering["plans"][0]["id"]
    body = await cp(
        UPDATE,
        {
            "id": offering["id"],
            "input": {
                "name": "Summarizer 2",
                "creditsPerRun": 7,
                "description": "New",
                "plans": [
                    {"code": "basic", "name": "Basic+", "includedCredits": 150, "variantId": v1},
                    {"code": "team", "name": "Team", "includedCredits": 5000, "variantId": v2},
                ],
            },
        },
        token=staff.token,
    )
    updated = body["data"]["offeringUpdate"]["offering"]
    assert body["data"]["offeringUpdate"]["errors"] == []
    assert (updated["name"], updated["creditsPerRun"], updated["description"]) == (
        "Summarizer 2",
        7,
        "New",
    )
    assert [(p["code"], p["name"], p["includedCredits"]) for p in updated["plans"]] == [
        ("basic", "Basic+", 150),
        ("team", "Team", 5000),
    ]
    assert updated["plans"][0]["id"] == basic_id  # matched by code: the same plan
    # The dropped plan is archived: still resolvable by id (instances point at it), not listed.
    pro_id = offering["plans"][1]["id"]
    still = await cp(ENTITIES, {"r": [{"__typename": "Plan", "id": pro_id}]})
    assert still["data"]["_entities"] == [{"id": pro_id, "code": "pro"}]
    missing = await cp(UPDATE, {"id": unique("x"), "input": {"name": "n"}}, token=staff.token)
    assert missing["data"]["offeringUpdate"]["errors"][0]["code"] == "INVALID"
    import uuid

    absent = await cp(UPDATE, {"id": str(uuid.uuid4()), "input": {"name": "n"}}, token=staff.token)
    assert absent["data"]["offeringUpdate"]["errors"][0]["code"] == "NOT_FOUND"
    bad = await cp(
        UPDATE, {"id": offering["id"], "input": {"creditsPerRun": -3}}, token=staff.token
    )
    assert bad["data"]["offeringUpdate"]["errors"][0]["field"] == "creditsPerRun"
    unchanged = await cp(
        "query($i: ID) { offering(id: $i) { creditsPerRun } }", {"i": offering["id"]}
    )
    assert unchanged["data"]["offering"]["creditsPerRun"] == 7


async def test_variant_sells_one_thing(cp: CP, staff: TestUser) -> None:
    variant = unique("var")
    await create_offering(
        cp, staff, plans=[{"code": "b", "name": "B", "includedCredits": 1, "variantId": variant}]
    )
    pack = await cp(PACK, {"input": {"variantId": variant, "credits": 10}}, token=staff.token)
    assert pack["data"]["creditPackSet"]["errors"][0]["code"] == "CONFLICT"
    other = await cp(
        CREATE_OFFERING,
        {
            "input": {
                "slug": unique("o"),
                "name": "O",
                "flowId": "f",
                "creditsPerRun": 1,
                "plans": [{"code": "b", "name": "B", "includedCredits": 1, "variantId": variant}],
            }
        },
        token=staff.token,
    )
    assert other["data"]["offeringCreate"]["errors"][0]["code"] == "CONFLICT"


async def test_credit_pack_set_and_remove(cp: CP, staff: TestUser) -> None:
    variant = unique("pack")
    set_pack = await cp(PACK, {"input": {"variantId": variant, "credits": 500}}, token=staff.token)
    assert set_pack["data"]["creditPackSet"] == {
        "variant": {"id": variant, "channel": "default-channel", "creditPack": 500, "plan": None},
        "errors": [],
    }
    changed = await cp(PACK, {"input": {"variantId": variant, "credits": 50}}, token=staff.token)
    assert changed["data"]["creditPackSet"]["variant"]["creditPack"] == 50
    negative = await cp(PACK, {"input": {"variantId": variant, "credits": -1}}, token=staff.token)
    assert negative["data"]["creditPackSet"]["errors"][0]["code"] == "INVALID"
    removed = await cp(PACK, {"input": {"variantId": variant, "credits": 0}}, token=staff.token)
    assert removed["data"]["creditPackSet"]["variant"]["creditPack"] is None
    entity = await cp(
        ENTITIES, {"r": [{"__typename": "ProductVariant", "id": variant, "channel": "c"}]}
    )
    assert entity["data"]["_entities"][0]["creditPack"] is None
