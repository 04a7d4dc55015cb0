"""Federation entry points: `_entities` for Wallet, Organization and Order, tenant-isolated and
batched (100 Wallet representations cost at most 3 SQL statements)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from subgraphs.common.app import Resources
from tests.subgraphs.billing.conftest import Billing, gather_limited, key, live_resources

ENTITIES = """query($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on Wallet { id balance reserved available organization { id } }
  ... on Organization { id wallet { id balance available } }
  ... on Order { id creditsGranted }
} }"""


def wallet_reps(*ids: str) -> list[dict[str, str]]:
    return [{"__typename": "Wallet", "id": i} for i in ids]


def organization_reps(*ids: str) -> list[dict[str, str]]:
    return [{"__typename": "Organization", "id": i} for i in ids]


async def wallet_id(billing: Billing, org: str) -> str:
    payload = await billing.grant(org, 1)
    assert payload["errors"] == []
    value: str = payload["wallet"]["id"]
    return value


async def test_wallet_representations_of_other_tenants_are_null(billing: Billing) -> None:
    owner_a, owner_b = billing.user(), billing.user()
    org_a, org_b = await billing.organization(owner_a), await billing.organization(owner_b)
    wallet_a, wallet_b = await wallet_id(billing, org_a), await wallet_id(billing, org_b)
    reps = wallet_reps(wallet_a, wallet_b, str(uuid.uuid4()), "garbage")

    body = await billing.gql(billing.url, ENTITIES, {"representations": reps}, token=owner_b)

    entities = body["data"]["_entities"]
    assert entities[0] is None
    assert entities[2] is None
    assert entities[3] is None
    assert entities[1]["id"] == wallet_b
    assert entities[1]["organization"] == {"id": org_b}
    assert sorted(e["path"][1] for e in body["errors"]) == [0, 2, 3]
    assert {e["extensions"]["code"] for e in body["errors"]} == {"NOT_FOUND"}
    assert org_a not in str(body)  # not even the organization id of another tenant's wallet

    staff = await billing.gql(
        billing.url, ENTITIES, {"representations": reps[:2]}, token=billing.staff()
    )
    assert [e["id"] for e in staff["data"]["_entities"]] == [wallet_a, wallet_b]

    anonymous = await billing.gql(billing.url, ENTITIES, {"representations": reps[:2]})
    assert anonymous["data"]["_entities"] == [None, None]
    assert {e["extensions"]["code"] for e in anonymous["errors"]} == {"UNAUTHENTICATED"}


async def test_organization_representations_of_other_tenants_are_null(billing: Billing) -> None:
    owner_a, owner_b = billing.user(), billing.user()
    org_a = await billing.funded(owner_a, 11)
    org_b = await billing.funded(owner_b, 22)
    reps = organization_reps(org_a, org_b, str(uuid.uuid4()))

    body = await billing.gql(billing.url, ENTITIES, {"representations": reps}, token=owner_b)

    entities = body["data"]["_entities"]
    assert entities[0] is None
    assert entities[2] is None
    assert entities[1]["id"] == org_b
    assert (entities[1]["wallet"]["balance"], entities[1]["wallet"]["available"]) == (22, 22)
    assert sorted(e["path"][1] for e in body["errors"]) == [0, 2]
    assert {e["extensions"]["code"] for e in body["errors"]} == {"NOT_FOUND"}
    assert "balance" not in str(body["errors"])

    staff = await billing.gql(
        billing.url, ENTITIES, {"representations": reps[:2]}, token=billing.staff()
    )
    assert [e["wallet"]["balance"] for e in staff["data"]["_entities"]] == [11, 22]


async def test_order_credits_granted_counts_only_visible_wallets(billing: Billing) -> None:
    owner_a, owner_b, stranger = billing.user(), billing.user(), billing.user()
    org_a, org_b = await billing.organization(owner_a), await billing.organization(owner_b)
    order = f"T3JkZXI6{uuid.uuid4().hex}"
    other_order = f"T3JkZXI6{uuid.uuid4().hex}"
    for org, amount, kind, reference in (
        (org_a, 100, "PLAN_GRANT", order),
        (org_a, 25, "CREDIT_PURCHASE", order),
        (org_b, 40, "CREDIT_PURCHASE", order),
        (org_a, 7, "REFUND", order),  # not credits the order granted
        (org_a, 1000, "PLAN_GRANT", other_order),
    ):
        assert (await billing.grant(org, amount, kind=kind, reference=reference))["errors"] == []
    reps = [{"__typename": "Order", "id": order}]

    async def credits(**auth: Any) -> int:
        body = await billing.gql(billing.url, ENTITIES, {"representations": reps}, **auth)
        assert "errors" not in body, body
        value: int = body["data"]["_entities"][0]["creditsGranted"]
        return value

    assert await credits(token=owner_a) == 125
    assert await credits(token=owner_b) == 40
    assert await credits(token=billing.staff()) == 165
    assert await credits(service=True) == 165
    assert await credits(token=stranger) == 0
    assert await credits() == 0


@contextmanager
def count_statements(resources: Resources[Any]) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(*args: Any) -> None:
        statements.append(args[2])

    engine = resources.db.engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


async def test_hundred_wallet_representations_cost_at_most_three_statements(
    burst_billing: Billing,
) -> None:
    billing = burst_billing
    owner = billing.user()
    orgs = await gather_limited(20, *(billing.organization(owner) for _ in range(100)))
    payloads = await gather_limited(
        20, *(billing.grant(org, 10 + i, idempotency_key=key()) for i, org in enumerate(orgs))
    )
    wallets = [p["wallet"]["id"] for p in payloads]
    resources = live_resources(billing.stack.billing)

    with count_statements(resources) as statements:
        body = await billing.gql(
            billing.url, ENTITIES, {"representations": wallet_reps(*wallets)}, token=owner
        )

    assert "errors" not in body, body
    entities = body["data"]["_entities"]
    assert [e["id"] for e in entities] == wallets
    assert [e["balance"] for e in entities] == [10 + i for i in range(100)]
    assert [e["organization"]["id"] for e in entities] == orgs
    assert 1 <= len(statements) <= 3, statements

    with count_statements(resources) as statements:
        body = await billing.gql(
            billing.url, ENTITIES, {"representations": organization_reps(*orgs)}, token=owner
        )
    assert "errors" not in body, body
    assert [e["wallet"]["id"] for e in body["data"]["_entities"]] == wallets
    assert 1 <= len(statements) <= 3, statements
