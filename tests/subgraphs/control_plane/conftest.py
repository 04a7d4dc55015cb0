"""Helpers for control-plane tests: a client bound to the control-plane URL, builders, and
the Saleor fake's shop for the order tests."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from kernel.auth.dev_issuer import DevIssuer
from tests.conftest import GraphQLPost, Stack
from tests.fakes.saleor.app import FakeSaleor
from tests.subgraphs.control_plane.shop import PACK_CREDITS, PLAN_CREDITS, Catalog, Shop
from tests.support.users import TestUser, new_user

CP = Callable[..., Awaitable[dict[str, Any]]]


@pytest.fixture
def cp(stack: Stack, gql: GraphQLPost) -> CP:
    async def post(query: str, variables: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        return await gql(stack.control_plane_url, query, variables, **kwargs)

    return post


@pytest.fixture
def alice(dev_issuer: DevIssuer) -> TestUser:
    return new_user(dev_issuer, "alice")


@pytest.fixture
def bob(dev_issuer: DevIssuer) -> TestUser:
    return new_user(dev_issuer, "bob")


@pytest.fixture
def staff(dev_issuer: DevIssuer) -> TestUser:
    return new_user(dev_issuer, "staff", staff=True)


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


CREATE_ORG = """
mutation($input: OrganizationCreateInput!) {
  organizationCreate(input: $input) {
    organization { id slug name createdAt members { role status createdAt user { id } } }
    errors { field message code }
  }
}"""

MEMBER_ADD = """
mutation($input: MemberAddInput!) {
  memberAdd(input: $input) {
    membership { role status createdAt user { id } organization { id } }
    errors { field message code }
  }
}"""

MEMBERSHIP_ACCEPT = """
mutation($org: ID!) {
  membershipAccept(organizationId: $org) {
    membership { role status user { id } organization { id name } }
    errors { field message code }
  }
}"""

MEMBER_REMOVE = """
mutation($input: MemberRemoveInput!) {
  memberRemove(input: $input) {
    organization { id members { role status user { id } } }
    errors { field message code }
  }
}"""

CREATE_OFFERING = """
mutation($input: OfferingCreateInput!) {
  offeringCreate(input: $input) {
    offering { id slug name description creditsPerRun product { id channel }
               plans { id code name includedCredits variant { id channel } offering { id } } }
    errors { field message code }
  }
}"""

PROVISION = """
mutation($input: InstanceProvisionInput!) {
  instanceProvision(input: $input) {
    instance { id name status createdAt organization { id } offering { id } plan { id }
               project { id } order { id } }
    errors { field message code }
  }
}"""


async def create_org(cp: CP, user: TestUser, name: str = "Acme") -> dict[str, Any]:
    body = await cp(CREATE_ORG, {"input": {"name": name}}, token=user.token)
    payload = body["data"]["organizationCreate"]
    assert payload["errors"] == [], payload
    org: dict[str, Any] = payload["organization"]
    return org


async def invite(
    cp: CP, manager: TestUser, org_id: str, user_id: str, role: str = "MEMBER"
) -> dict[str, Any]:
    body = await cp(
        MEMBER_ADD,
        {"input": {"organizationId": org_id, "userId": user_id, "role": role}},
        token=manager.token,
    )
    payload = body["data"]["memberAdd"]
    assert payload["errors"] == [], payload
    membership: dict[str, Any] = payload["membership"]
    return membership


async def accept(cp: CP, user: TestUser, org_id: str) -> dict[str, Any]:
    body = await cp(MEMBERSHIP_ACCEPT, {"org": org_id}, token=user.token)
    payload = body["data"]["membershipAccept"]
    assert payload["errors"] == [], payload
    membership: dict[str, Any] = payload["membership"]
    return membership


async def add_member(
    cp: CP, manager: TestUser, org_id: str, user: TestUser, role: str = "MEMBER"
) -> None:
    """An invitation the user accepts: membership needs the user's consent."""
    await invite(cp, manager, org_id, user.user_id, role)
    await accept(cp, user, org_id)


async def create_offering(
    cp: CP, staff: TestUser, plans: list[dict[str, Any]] | None = None, **fields: Any
) -> dict[str, Any]:
    data = {
        "slug": unique("agent"),
        "name": "Summarizer",
        "flowId": "flow-summarize",
        "creditsPerRun": 5,
        "plans": plans
        if plans is not None
        else [{"code": "basic", "name": "Basic", "includedCredits": 100}],
        **fields,
    }
    body = await cp(CREATE_OFFERING, {"input": data}, token=staff.token)
    payload = body["data"]["offeringCreate"]
    assert payload["errors"] == [], payload
    offering: dict[str, Any] = payload["offering"]
    return offering


async def provision(
    cp: CP, staff: TestUser, org_id: str, offering: dict[str, Any], **extra: Any
) -> dict[str, Any]:
    data = {"organizationId": org_id, "offeringId": offering["id"], **extra}
    body = await cp(PROVISION, {"input": data}, token=staff.token)
    payload = body["data"]["instanceProvision"]
    assert payload["errors"] == [], payload
    instance: dict[str, Any] = payload["instance"]
    return instance


# ---------------------------------------------------------------- orders (see shop.py)


@pytest.fixture
def saleor(stack: Stack) -> FakeSaleor:
    return FakeSaleor.of(stack.saleor_app, stack.saleor_url)


@pytest.fixture
async def catalog(cp: CP, staff: TestUser, saleor: FakeSaleor) -> Catalog:
    """A Saleor product whose first variant sells a plan and second a credit pack."""
    product = saleor.data.add_product(
        "Order Agent", [("Basic", 9.0), ("250 credits", 5.0), ("Sticker", 1.0)]
    )
    offering = await create_offering(
        cp,
        staff,
        productId=product.id,
        plans=[
            {
                "code": "basic",
                "name": "Basic",
                "includedCredits": PLAN_CREDITS,
                "variantId": product.variants[0].id,
            }
        ],
    )
    pack = await cp(
        """mutation($i: CreditPackSetInput!) { creditPackSet(input: $i) { errors { code } } }""",
        {"i": {"variantId": product.variants[1].id, "credits": PACK_CREDITS}},
        token=staff.token,
    )
    assert pack["data"]["creditPackSet"]["errors"] == []
    return Catalog(product, offering)


@pytest.fixture
def shop(saleor: FakeSaleor, gql: GraphQLPost, stack: Stack) -> Shop:
    return Shop(saleor, gql, stack)
