"""Helpers for the billing tests: organizations made through control-plane, the billing
operations over HTTP, and the wallet's rows read straight from the test database."""

from __future__ import annotations

import asyncio
import itertools
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text

from cmp.serving import RunningServer
from kernel.auth.dev_issuer import DevIssuer
from subgraphs.common.app import Resources
from tests.conftest import GraphQLPost, Stack
from tests.support.graphql_client import graphql_poster

WALLET_FIELDS = """
  id balance reserved available organization { id }
  entries(first: 50) {
    edges { cursor node { id kind amount balanceAfter reference createdAt } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
"""
WALLET_QUERY = f"query($org: ID!) {{ wallet(organizationId: $org) {{ {WALLET_FIELDS} }} }}"
ERRORS = "errors { field message code }"
GRANT = f"""mutation($input: WalletGrantInput!) {{ walletGrant(input: $input) {{
  alreadyApplied wallet {{ id balance reserved available }}
  entry {{ id kind amount balanceAfter reference }} {ERRORS} }} }}"""
ADJUST = f"""mutation($input: WalletAdjustInput!) {{ walletAdjust(input: $input) {{
  wallet {{ id balance reserved available }}
  entry {{ id kind amount balanceAfter reference }} {ERRORS} }} }}"""
RESERVATION_FIELDS = f"""alreadyApplied
  reservation {{ id key amount status reference organizationId }}
  wallet {{ id balance reserved available }}
  entry {{ id kind amount balanceAfter reference }} {ERRORS}"""
RESERVE = f"""mutation($input: WalletReserveInput!) {{
  walletReserve(input: $input) {{ {RESERVATION_FIELDS} }} }}"""
CAPTURE = f"""mutation($key: String!) {{
  walletCapture(idempotencyKey: $key) {{ {RESERVATION_FIELDS} }} }}"""
RELEASE = f"""mutation($key: String!) {{
  walletRelease(idempotencyKey: $key) {{ {RESERVATION_FIELDS} }} }}"""


def key() -> str:
    return f"test-{uuid.uuid4()}"


@dataclass
class LedgerState:
    balance: int
    reserved: int
    entries_sum: int
    entries: list[dict[str, Any]]
    reservations: list[dict[str, Any]]


@dataclass
class Billing:
    gql: GraphQLPost
    stack: Stack
    issuer: DevIssuer

    @property
    def url(self) -> str:
        return self.stack.billing_url

    def user(self, is_staff: bool = False) -> str:
        """A token for a brand-new user."""
        return self.issuer.token(f"user-{uuid.uuid4().hex[:10]}@example.com", is_staff=is_staff)

    def staff(self) -> str:
        return self.user(is_staff=True)

    async def organization(self, owner_token: str) -> str:
        body = await self.gql(
            self.stack.control_plane_url,
            "mutation($input: OrganizationCreateInput!) { organizationCreate(input: $input) {"
            " organization { id } errors { code message } } }",
            {"input": {"name": f"Org {uuid.uuid4().hex[:12]}"}},
            token=owner_token,
        )
        payload = body["data"]["organizationCreate"]
        assert payload["errors"] == [], body
        organization_id: str = payload["organization"]["id"]
        return organization_id

    async def add_member(self, owner_token: str, organization_id: str, member_token: str) -> None:
        user_id = self.issuer_user_id(member_token)
        body = await self.gql(
            self.stack.control_plane_url,
            "mutation($input: MemberAddInput!) { memberAdd(input: $input) { errors { code } } }",
            {"input": {"organizationId": organization_id, "userId": user_id, "role": "MEMBER"}},
            token=owner_token,
        )
        assert body["data"]["memberAdd"]["errors"] == [], body
        accepted = await self.gql(  # an invitation gives no access until the user accepts
            self.stack.control_plane_url,
            "mutation($o: ID!) { membershipAccept(organizationId: $o) { errors { code } } }",
            {"o": organization_id},
            token=member_token,
        )
        assert accepted["data"]["membershipAccept"]["errors"] == [], accepted

    @staticmethod
    def issuer_user_id(token: str) -> str:
        import jwt

        claims = jwt.decode(token, options={"verify_signature": False})
        user_id: str = claims["user_id"]
        return user_id

    async def call(self, document: str, variables: dict[str, Any], **auth: Any) -> dict[str, Any]:
        body = await self.gql(self.url, document, variables, **auth)
        assert body.get("data") is not None, body
        (payload,) = body["data"].values()
        assert isinstance(payload, dict)
        return payload

    async def grant(
        self,
        organization_id: str,
        amount: int,
        kind: str = "CREDIT_PURCHASE",
        reference: str | None = None,
        idempotency_key: str | None = None,
        **auth: Any,
    ) -> dict[str, Any]:
        auth = auth or {"service": True}
        return await self.call(
            GRANT,
            {
                "input": {
                    "organizationId": organization_id,
                    "amount": amount,
                    "kind": kind,
                    "reference": reference,
                    "idempotencyKey": idempotency_key if idempotency_key is not None else key(),
                }
            },
            **auth,
        )

    async def funded(self, owner_token: str, amount: int) -> str:
        organization_id = await self.organization(owner_token)
        if amount:
            payload = await self.grant(organization_id, amount)
            assert payload["errors"] == [], payload
        return organization_id

    async def reserve(
        self,
        organization_id: str,
        amount: int,
        idempotency_key: str | None = None,
        reference: str | None = None,
        **auth: Any,
    ) -> dict[str, Any]:
        auth = auth or {"service": True}
        return await self.call(
            RESERVE,
            {
                "input": {
                    "organizationId": organization_id,
                    "amount": amount,
                    "reference": reference,
                    "idempotencyKey": idempotency_key if idempotency_key is not None else key(),
                }
            },
            **auth,
        )

    async def capture(self, reservation_key: str, **auth: Any) -> dict[str, Any]:
        return await self.call(CAPTURE, {"key": reservation_key}, **(auth or {"service": True}))

    async def release(self, reservation_key: str, **auth: Any) -> dict[str, Any]:
        return await self.call(RELEASE, {"key": reservation_key}, **(auth or {"service": True}))

    async def adjust(
        self,
        organization_id: str,
        amount: int,
        reason: str = "goodwill",
        idempotency_key: str | None = None,
        **auth: Any,
    ) -> dict[str, Any]:
        return await self.call(
            ADJUST,
            {
                "input": {
                    "organizationId": organization_id,
                    "amount": amount,
                    "reason": reason,
                    "idempotencyKey": idempotency_key if idempotency_key is not None else key(),
                }
            },
            **auth,
        )

    async def state(self, organization_id: str) -> LedgerState:
        """The wallet as stored, and its ledger, read directly from the database."""
        async with self.stack.billing_db.session() as session:
            wallet = (
                await session.execute(
                    text(
                        "SELECT id, balance, reserved FROM billing.wallets"
                        " WHERE organization_id = :org"
                    ),
                    {"org": organization_id},
                )
            ).one_or_none()
            if wallet is None:
                return LedgerState(0, 0, 0, [], [])
            entries = (
                await session.execute(
                    text(
                        "SELECT id, kind, amount, balance_after, reference, idempotency_key"
                        " FROM billing.ledger_entries WHERE wallet_id = :w"
                        " ORDER BY created_at, id"
                    ),
                    {"w": wallet.id},
                )
            ).mappings()
            entry_rows = [dict(e) for e in entries]
            reservations = (
                await session.execute(
                    text(
                        "SELECT id, key, amount, status FROM billing.reservations"
                        " WHERE wallet_id = :w ORDER BY created_at, id"
                    ),
                    {"w": wallet.id},
                )
            ).mappings()
            return LedgerState(
                balance=wallet.balance,
                reserved=wallet.reserved,
                entries_sum=sum(e["amount"] for e in entry_rows),
                entries=entry_rows,
                reservations=[dict(r) for r in reservations],
            )

    async def assert_consistent(self, organization_id: str) -> LedgerState:
        state = await self.state(organization_id)
        assert state.balance == state.entries_sum
        assert 0 <= state.reserved <= state.balance
        held = sum(r["amount"] for r in state.reservations if r["status"] == "HELD")
        assert state.reserved == held
        return state


@pytest.fixture
def billing(gql: GraphQLPost, stack: Stack, dev_issuer: DevIssuer) -> Billing:
    return Billing(gql, stack, dev_issuer)


@pytest.fixture
async def burst_billing(
    stack: Stack, dev_issuer: DevIssuer, service_token: str
) -> AsyncIterator[Billing]:
    """Like `billing`, over a client of its own that is closed afterwards: hundreds of
    concurrent requests leave hundreds of idle keep-alive connections behind, which would slow
    every later request of a shared client (httpcore scans its whole pool per request)."""
    # Several small pools rather than one big one: httpcore's per-request work grows with its
    # pool size, and 200 requests in flight on one pool spend seconds in the client alone.
    limits = httpx.Limits(max_connections=25, max_keepalive_connections=25)
    clients = [httpx.AsyncClient(timeout=60, limits=limits) for _ in range(10)]
    turn = itertools.count()
    try:
        post = graphql_poster(lambda: clients[next(turn) % len(clients)], service_token)
        yield Billing(post, stack, dev_issuer)
    finally:
        for client in clients:
            await client.aclose()


def live_resources(server: RunningServer) -> Resources[Any]:
    """The process resources of a running billing app (its pool, settings, clients)."""
    app = server.server.config.app
    assert isinstance(app, FastAPI)
    resources = app.state.resources
    assert isinstance(resources, Resources)
    return resources


async def gather_limited(limit: int, *coroutines: Any) -> list[Any]:
    semaphore = asyncio.Semaphore(limit)

    async def run(coroutine: Any) -> Any:
        async with semaphore:
            return await coroutine

    return list(await asyncio.gather(*(run(c) for c in coroutines)))
