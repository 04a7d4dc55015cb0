"""Applying a paid Saleor order exactly once (the contract README's "Orders from Saleor").

Amounts and lines come from Saleor (read with the app token), never from a webhook body.
Plan variants provision one ACTIVE instance per unit and grant the plan's includedCredits per
unit; credit-pack variants grant `creditPack * quantity`; other lines are ignored.

Exactly once: billing grants carry one idempotency key per order line, so a grant repeated
(after a failure, or by a concurrent delivery) is applied once; the instances are written in
the same transaction that inserts the order's APPLIED row in `order_applications`, and a
concurrent insert of that row waits for it and then does nothing — so one delivery creates the
instances and every other one reads them back. No database connection is held across a call to
Saleor or billing (billing asks control-plane back, so holding one could exhaust the pool and
deadlock under a burst of deliveries); deliveries of the same order in one process queue on a
lock before touching the database at all.
"""

from __future__ import annotations

import asyncio
import uuid
import zlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from sqlalchemy import func, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from subgraphs.common.database import Database
from subgraphs.common.errors import CmpErrorCode, CmpFailure, conflict, invalid, not_found
from subgraphs.common.ids import try_parse_id
from subgraphs.common.service_client import ServiceClient
from subgraphs.control_plane import models
from subgraphs.control_plane.saleor_orders import PaidOrder, SaleorOrders
from subgraphs.control_plane.validation import slugify

GRANT = """mutation Grant($input: WalletGrantInput!) {
  walletGrant(input: $input) { alreadyApplied entry { amount } errors { code message field } }
}"""


@dataclass
class OrderOutcome:
    order_id: str
    already_processed: bool
    instances: list[models.Instance] = field(default_factory=list)
    credits_granted: int = 0


@dataclass(frozen=True)
class _Grant:
    key: str
    amount: int
    kind: str


@dataclass(frozen=True)
class _Provision:
    """`units` ACTIVE instances of a plan's offering."""

    offering_id: uuid.UUID
    plan_id: uuid.UUID
    name: str
    units: int


class OrderProcessor:
    def __init__(
        self, db: Database, saleor: SaleorOrders, billing: ServiceClient, max_per_line: int
    ) -> None:
        self._db = db
        self._saleor = saleor
        self._billing = billing
        self._max_per_line = max_per_line
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}

    async def process(self, order_id: str) -> OrderOutcome:
        async with self._order_lock(order_id):
            done = await self._applied(order_id)
            if done is not None:
                return done
            order = await self._saleor.fetch(order_id)
            if order is None:
                raise not_found("order", field="orderId")
            if not order.is_paid:
                raise conflict("the order is not fully paid yet", field="orderId")
            organization_id = await self._organization_for(order)
            async with self._db.session() as session:
                provisions, grants = await self._lines(session, order)
            for grant in grants:
                await self._grant(organization_id, order.id, grant)
            return await self._record(order, organization_id, provisions, grants)

    @asynccontextmanager
    async def _order_lock(self, order_id: str) -> AsyncIterator[None]:
        """Deliveries of one order in this process, one at a time (others across processes
        are settled by the APPLIED row)."""
        lock, users = self._locks.get(order_id, (asyncio.Lock(), 0))
        self._locks[order_id] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[order_id]
            if users == 1:
                del self._locks[order_id]
            else:
                self._locks[order_id] = (lock, users - 1)

    async def _applied(self, order_id: str) -> OrderOutcome | None:
        async with self._db.session() as session:
            application = await session.get(models.OrderApplication, order_id)
            if application is None or application.status != "APPLIED":
                return None
            return OrderOutcome(
                order_id,
                already_processed=True,
                instances=await _instances_of(session, order_id),
                credits_granted=application.credits_granted,
            )

    async def _record(
        self,
        order: PaidOrder,
        organization_id: uuid.UUID,
        provisions: list[_Provision],
        grants: list[_Grant],
    ) -> OrderOutcome:
        """The APPLIED row and the instances, in one transaction; if another delivery got
        there first, its outcome."""
        credits = sum(g.amount for g in grants)
        async with self._db.transaction() as session:
            inserted = await session.scalar(
                insert(models.OrderApplication)
                .values(
                    order_id=order.id,
                    status="APPLIED",
                    organization_id=organization_id,
                    credits_granted=credits,
                    applied_at=func.now(),
                )
                .on_conflict_do_nothing(index_elements=["order_id"])
                .returning(models.OrderApplication.order_id)
            )
            if inserted is None:
                application = await session.get(models.OrderApplication, order.id)
                assert application is not None
                return OrderOutcome(
                    order.id,
                    already_processed=True,
                    instances=await _instances_of(session, order.id),
                    credits_granted=application.credits_granted,
                )
            instances = [
                models.Instance(
                    organization_id=organization_id,
                    offering_id=provision.offering_id,
                    plan_id=provision.plan_id,
                    order_id=order.id,
                    name=provision.name,
                    status="ACTIVE",
                )
                for provision in provisions
                for _ in range(provision.units)
            ]
            session.add_all(instances)
            await session.flush()
            for instance in instances:
                await session.refresh(instance)
            return OrderOutcome(order.id, False, instances, credits)

    # ------------------------------------------------------------------ the organization

    async def _organization_for(self, order: PaidOrder) -> uuid.UUID:
        """`cmp.organization` from the order's metadata when the buyer belongs to it (a
        guest checkout: by its email); else the buyer's first organization; else a new one
        for them (a guest unknown here gets none: INVALID)."""
        async with self._db.session() as session:
            existing = await self._memberships(session, order)
        hinted = try_parse_id(order.organization_hint) if order.organization_hint else None
        if hinted is not None and hinted in existing:
            return hinted  # never an organization the buyer is not in
        if existing:
            return existing[0]
        return await self._create_for_buyer(order)

    async def _memberships(self, session: AsyncSession, order: PaidOrder) -> list[uuid.UUID]:
        conditions = []
        if order.buyer_id:
            conditions.append(models.Membership.user_id == order.buyer_id)
        elif order.buyer_email:
            conditions.append(func.lower(models.Membership.email) == order.buyer_email.lower())
        if not conditions:
            return []
        rows = await session.scalars(
            select(models.Membership.organization_id)
            .where(*conditions)
            .order_by(models.Membership.created_at)
        )
        return list(rows.all())

    async def _create_for_buyer(self, order: PaidOrder) -> uuid.UUID:
        """Committed on its own, so billing (which asks control-plane) sees the organization;
        an advisory lock per buyer stops two orders from creating two organizations."""
        if order.buyer_id is None:
            raise invalid(
                "the order has no buyer account to create an organization for", field="orderId"
            )
        email = order.buyer_email or ""
        async with self._db.transaction() as session:
            lock = zlib.crc32(f"cmp-buyer:{order.buyer_id}".encode())
            await session.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": lock})
            existing = await self._memberships(session, order)
            if existing:
                return existing[0]
            base = slugify(email.split("@")[0] or "org")
            slug = f"{base[:40]}-{uuid.uuid4().hex[:6]}"
            organization = models.Organization(
                slug=slug, name=f"{email or 'Buyer'}'s organization"[:100]
            )
            session.add(organization)
            await session.flush()
            session.add(
                models.Membership(
                    organization_id=organization.id,
                    user_id=order.buyer_id,
                    email=order.buyer_email,
                    role="OWNER",
                )
            )
            return organization.id

    # ------------------------------------------------------------------ lines

    async def _lines(
        self, session: AsyncSession, order: PaidOrder
    ) -> tuple[list[_Provision], list[_Grant]]:
        provisions: list[_Provision] = []
        grants: list[_Grant] = []
        for line in order.lines:
            if line.variant_id is None or line.quantity <= 0:
                continue
            key = f"saleor-order:{order.id}:{line.id}"
            plan = await session.scalar(
                select(models.Plan).where(
                    models.Plan.variant_id == line.variant_id, models.Plan.archived_at.is_(None)
                )
            )
            if plan is not None:
                offering = await session.get(models.Offering, plan.offering_id)
                assert offering is not None
                units = min(line.quantity, self._max_per_line)
                provisions.append(_Provision(offering.id, plan.id, offering.name, units))
                if plan.included_credits > 0:
                    grants.append(_Grant(key, plan.included_credits * units, "PLAN_GRANT"))
                continue
            pack = await session.get(models.CreditPack, line.variant_id)
            if pack is not None:
                grants.append(_Grant(key, pack.credits * line.quantity, "CREDIT_PURCHASE"))
        return provisions, grants

    async def _grant(self, organization_id: uuid.UUID, order_id: str, grant: _Grant) -> None:
        data = await self._billing.execute(
            GRANT,
            {
                "input": {
                    "organizationId": str(organization_id),
                    "amount": grant.amount,
                    "kind": grant.kind,
                    "reference": order_id,
                    "idempotencyKey": grant.key,
                }
            },
        )
        errors = (data.get("walletGrant") or {}).get("errors") or []
        if errors:
            raise CmpFailure(
                CmpErrorCode.UNAVAILABLE, f"billing refused the grant: {errors[0]['message']}"
            )


async def _instances_of(session: AsyncSession, order_id: str) -> list[models.Instance]:
    rows = await session.scalars(
        select(models.Instance)
        .where(models.Instance.order_id == order_id)
        .order_by(models.Instance.created_at)
    )
    return list(rows.all())
