"""Applying a paid Saleor order exactly once (the contract README's "Orders from Saleor").

Amounts and lines come from Saleor (read with the app token), never from a webhook body.
Plan variants provision one ACTIVE instance per unit and grant the plan's includedCredits per
unit; credit-pack variants grant `creditPack * quantity`; other lines are ignored.

Whose order it is: the organization in the order's `cmp.organization` metadata only if the
buyer (the Saleor user on the order) is an ACTIVE OWNER or ADMIN there; else the oldest
organization the buyer OWNS, created for them if there is none. A guest order (no user) is
recorded AWAITING_CLAIM and applies nothing until `claim` by a user whose token carries the
order's email, for an organization they manage.

Exactly once: the organization is decided first and stored with the order (APPLYING), so every
retry, replay or racing claim applies to that one; billing grants carry one idempotency key per
order line; the instances are written in the transaction that turns the row APPLIED, and a
concurrent transaction doing the same waits for it and then does nothing — so one delivery
creates the instances and every other one reads them back. No database connection is held
across a call to Saleor or billing (billing asks control-plane back, so holding one could
exhaust the pool and deadlock under a burst of deliveries); deliveries of the same order in one
process queue on a lock before touching the database at all.
"""

from __future__ import annotations

import asyncio
import uuid
import zlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from sqlalchemy import func, select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from kernel.database import Database
from subgraphs.common.errors import CmpErrorCode, CmpFailure, conflict, not_found
from subgraphs.common.ids import try_parse_id
from subgraphs.control_plane import models
from subgraphs.control_plane.clients import Billing, PaidOrder, SaleorOrders
from subgraphs.control_plane.validation import slugify

AWAITING_CLAIM = models.OrderApplicationStatus.AWAITING_CLAIM
APPLYING = models.OrderApplicationStatus.APPLYING
APPLIED = models.OrderApplicationStatus.APPLIED


class AwaitingClaim(CmpFailure):
    """A guest order, recorded: nothing more happens until the owner of its email claims it."""


GUEST_ORDER = (
    "a guest order (no Saleor account on it) is applied only when a signed-in user whose "
    "email is the order's claims it for an organization (saleorOrderClaim)"
)
NO_SUCH_GUEST_ORDER = "no paid guest order with this id for your email"


@dataclass
class OrderOutcome:
    order_id: str
    already_processed: bool
    instances: list[models.Instance] = field(default_factory=list)
    credits_granted: int = 0
    organization_id: uuid.UUID | None = None


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
        self, db: Database, saleor: SaleorOrders, billing: Billing, max_per_line: int
    ) -> None:
        self._db = db
        self._saleor = saleor
        self._billing = billing
        self._max_per_line = max_per_line
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}

    async def process(self, order_id: str) -> OrderOutcome:
        """The webhook's (and staff's) way in: an order with a buyer goes where the rules say;
        a guest order is recorded for a claim and refused (CONFLICT) until then."""
        async with self._order_lock(order_id):
            done = await self._applied(order_id)
            if done is not None:
                return done
            order = await self._saleor.fetch(order_id)
            if order is None:
                raise not_found("order", field="orderId")
            if not order.is_paid:
                raise conflict("the order is not fully paid yet", field="orderId")
            organization_id = await self._decided_organization(order.id)
            if organization_id is None:
                if order.buyer_id is None:
                    await self._await_claim(order.id)
                    raise AwaitingClaim(CmpErrorCode.CONFLICT, GUEST_ORDER, "orderId")
                organization_id = await self._decide(order.id, await self._route(order))
            return await self._apply(order, organization_id)

    async def claim(self, order_id: str, organization_id: uuid.UUID, email: str) -> OrderOutcome:
        """A guest order, for `organization_id`, by a caller whose verified email is `email`
        (the caller's right to the organization is checked before). Whoever does not own
        the order's email learns nothing about it."""
        async with self._order_lock(order_id):
            order = await self._saleor.fetch(order_id)
            if order is None or (order.buyer_email or "").lower() != email.lower():
                raise CmpFailure(CmpErrorCode.NOT_FOUND, NO_SUCH_GUEST_ORDER, "orderId")
            if order.buyer_id is not None:
                raise conflict(
                    "the order belongs to a Saleor account: it is applied to that account's "
                    "organization, not claimed",
                    field="orderId",
                )
            if not order.is_paid:
                raise conflict("the order is not fully paid yet", field="orderId")
            done = await self._applied(order_id)
            if done is None:
                decided = await self._decide(order.id, organization_id)
                if decided == organization_id:
                    return await self._apply(order, decided)
            elif done.organization_id == organization_id:
                return done
            raise conflict(
                "the order was already claimed for another organization", field="orderId"
            )

    @asynccontextmanager
    async def _order_lock(self, order_id: str) -> AsyncIterator[None]:
        """Deliveries and claims of one order in this process, one at a time (across
        processes the stored organization and the APPLIED row settle them)."""
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
            if application is None or application.status != APPLIED:
                return None
            return OrderOutcome(
                order_id,
                already_processed=True,
                instances=await _instances_of(session, order_id),
                credits_granted=application.credits_granted,
                organization_id=application.organization_id,
            )

    async def _decided_organization(self, order_id: str) -> uuid.UUID | None:
        """The organization an earlier, unfinished attempt decided on (it must be the one)."""
        async with self._db.session() as session:
            application = await session.get(models.OrderApplication, order_id)
        if application is None or application.status != APPLYING:
            return None
        return _organization_of(application)

    async def _await_claim(self, order_id: str) -> None:
        async with self._db.transaction() as session:
            await session.execute(
                insert(models.OrderApplication)
                .values(order_id=order_id, status=AWAITING_CLAIM)
                .on_conflict_do_nothing(index_elements=["order_id"])
            )

    async def _decide(self, order_id: str, organization_id: uuid.UUID) -> uuid.UUID:
        """Store the organization the order is for, unless another attempt stored one first
        (then that one, whatever this attempt thought): from here on nothing changes it."""
        async with self._db.transaction() as session:
            stored = await session.scalar(
                insert(models.OrderApplication)
                .values(order_id=order_id, status=APPLYING, organization_id=organization_id)
                .on_conflict_do_update(
                    index_elements=["order_id"],
                    set_={"status": APPLYING, "organization_id": organization_id},
                    where=models.OrderApplication.status == AWAITING_CLAIM,
                )
                .returning(models.OrderApplication.organization_id)
            )
            if stored is not None:
                return organization_id
            application = await session.get(models.OrderApplication, order_id)
            assert application is not None
            return _organization_of(application)

    async def _apply(self, order: PaidOrder, organization_id: uuid.UUID) -> OrderOutcome:
        async with self._db.session() as session:
            provisions, grants = await self._lines(session, order)
        for grant in grants:
            await self._billing.grant(
                organization_id, grant.amount, grant.kind, order.id, grant.key
            )
        return await self._record(order, organization_id, provisions, grants)

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
            applied = await session.scalar(
                update(models.OrderApplication)
                .where(
                    models.OrderApplication.order_id == order.id,
                    models.OrderApplication.status == APPLYING,
                )
                .values(status=APPLIED, credits_granted=credits, applied_at=func.now())
                .returning(models.OrderApplication.order_id)
            )
            if applied is None:
                application = await session.get(models.OrderApplication, order.id)
                assert application is not None
                return OrderOutcome(
                    order.id,
                    already_processed=True,
                    instances=await _instances_of(session, order.id),
                    credits_granted=application.credits_granted,
                    organization_id=application.organization_id,
                )
            instances = [
                models.Instance(
                    organization_id=organization_id,
                    offering_id=provision.offering_id,
                    plan_id=provision.plan_id,
                    order_id=order.id,
                    name=provision.name,
                    status=models.InstanceStatus.ACTIVE,
                )
                for provision in provisions
                for _ in range(provision.units)
            ]
            session.add_all(instances)
            await session.flush()
            for instance in instances:
                await session.refresh(instance)
            return OrderOutcome(order.id, False, instances, credits, organization_id)

    # ------------------------------------------------------------------ the organization

    async def _route(self, order: PaidOrder) -> uuid.UUID:
        """`cmp.organization` if the buyer is an ACTIVE OWNER or ADMIN there, else the oldest
        organization the buyer OWNS, else a new one. Never an organization the buyer only
        belongs to as a MEMBER or was merely invited to: nobody can steer a purchase into
        their own organization by naming it, or by inviting the buyer."""
        assert order.buyer_id is not None
        hinted = try_parse_id(order.organization_hint) if order.organization_hint else None
        async with self._db.session() as session:
            if hinted is not None:
                role = await models.Membership.active_role(session, hinted, order.buyer_id)
                if role in models.MANAGER_ROLES:
                    return hinted
            owned = await _oldest_owned(session, order.buyer_id)
        return owned or await self._create_for_buyer(order.buyer_id, order.buyer_email)

    async def _create_for_buyer(self, buyer_id: str, email: str | None) -> uuid.UUID:
        """Committed on its own, so billing (which asks control-plane) sees the organization;
        an advisory lock per buyer stops two orders from creating two organizations."""
        async with self._db.transaction() as session:
            lock = zlib.crc32(f"cmp-buyer:{buyer_id}".encode())
            await session.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": lock})
            owned = await _oldest_owned(session, buyer_id)
            if owned is not None:
                return owned
            base = slugify((email or "").split("@")[0] or "org")
            slug = f"{base[:40]}-{uuid.uuid4().hex[:6]}"
            organization = await models.Organization.create_with_owner(
                session, slug, f"{email or 'Buyer'}'s organization"[:100], buyer_id
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


async def _oldest_owned(session: AsyncSession, buyer_id: str) -> uuid.UUID | None:
    owned: uuid.UUID | None = await session.scalar(
        select(models.Organization.id)
        .join(models.Membership, models.Membership.organization_id == models.Organization.id)
        .where(
            models.Membership.user_id == buyer_id,
            models.Membership.role == models.MemberRole.OWNER,
            models.Membership.status == models.MembershipStatus.ACTIVE,
        )
        .order_by(models.Organization.created_at, models.Organization.id)
        .limit(1)
    )
    return owned


def _organization_of(application: models.OrderApplication) -> uuid.UUID:
    if application.organization_id is None:  # the organization was deleted meanwhile
        raise conflict("the organization this order was for no longer exists", field="orderId")
    return application.organization_id


async def _instances_of(session: AsyncSession, order_id: str) -> list[models.Instance]:
    rows = await session.scalars(
        select(models.Instance)
        .where(models.Instance.order_id == order_id)
        .order_by(models.Instance.created_at)
    )
    return list(rows.all())
