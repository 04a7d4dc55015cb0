"""Applying a paid Saleor order exactly once (the contract README's "Orders from Saleor").

Amounts and lines come from Saleor (read with the app token), never from a webhook body.
Plan variants provision one ACTIVE instance per unit and grant the plan's includedCredits per
unit; credit-pack variants grant `creditPack * quantity`; other lines are ignored. The order's
row in `order_applications` is locked while it is applied and marked APPLIED after, so
replays, duplicates and concurrent deliveries apply it once. Billing grants carry one key per
order line, so a grant repeated after a failure is applied once too.
"""

from __future__ import annotations

import uuid
import zlib
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


class OrderProcessor:
    def __init__(
        self, db: Database, saleor: SaleorOrders, billing: ServiceClient, max_per_line: int
    ) -> None:
        self._db = db
        self._saleor = saleor
        self._billing = billing
        self._max_per_line = max_per_line

    async def process(self, order_id: str) -> OrderOutcome:
        async with self._db.transaction() as session:
            await session.execute(
                insert(models.OrderApplication)
                .values(order_id=order_id, status="APPLYING")
                .on_conflict_do_nothing(index_elements=["order_id"])
            )
            # Concurrent deliveries of this order queue up here until the first commits.
            application = await session.get(
                models.OrderApplication, order_id, with_for_update=True, populate_existing=True
            )
            assert application is not None
            if application.status == "APPLIED":
                return OrderOutcome(
                    order_id,
                    already_processed=True,
                    instances=await _instances_of(session, order_id),
                    credits_granted=application.credits_granted,
                )
            order = await self._saleor.fetch(order_id)
            if order is None:
                raise not_found("order", field="orderId")
            if not order.is_paid:
                raise conflict("the order is not fully paid yet", field="orderId")
            organization_id = await self._organization_for(session, order)
            instances, grants = await self._provision(session, order, organization_id)
            for grant in grants:
                await self._grant(organization_id, order.id, grant)
            application.status = "APPLIED"
            application.organization_id = organization_id
            application.credits_granted = sum(g.amount for g in grants)
            application.applied_at = func.now()
            await session.flush()
            for instance in instances:
                await session.refresh(instance)
            return OrderOutcome(order_id, False, instances, application.credits_granted)

    # ------------------------------------------------------------------ the organization

    async def _organization_for(self, session: AsyncSession, order: PaidOrder) -> uuid.UUID:
        """`cmp.organization` from the order's metadata when the buyer belongs to it (or the
        buyer is unknown); else the buyer's first organization; else a new one for them."""
        existing = await self._memberships(session, order)
        hinted = await self._hinted_organization(session, order, existing)
        if hinted is not None:
            return hinted
        if existing:
            return existing[0]
        return await self._create_for_buyer(order)

    async def _hinted_organization(
        self, session: AsyncSession, order: PaidOrder, buyers_organizations: list[uuid.UUID]
    ) -> uuid.UUID | None:
        hinted = try_parse_id(order.organization_hint) if order.organization_hint else None
        if hinted is None or (order.buyer_id is not None and hinted not in buyers_organizations):
            return None  # a buyer cannot provision into an organization they are not in
        return hinted if await session.get(models.Organization, hinted) is not None else None

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

    async def _provision(
        self, session: AsyncSession, order: PaidOrder, organization_id: uuid.UUID
    ) -> tuple[list[models.Instance], list[_Grant]]:
        instances: list[models.Instance] = []
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
                for _ in range(units):
                    instance = models.Instance(
                        organization_id=organization_id,
                        offering_id=offering.id,
                        plan_id=plan.id,
                        order_id=order.id,
                        name=offering.name,
                        status="ACTIVE",
                    )
                    session.add(instance)
                    instances.append(instance)
                if plan.included_credits > 0:
                    grants.append(_Grant(key, plan.included_credits * units, "PLAN_GRANT"))
                continue
            pack = await session.get(models.CreditPack, line.variant_id)
            if pack is not None:
                grants.append(_Grant(key, pack.credits * line.quantity, "CREDIT_PURCHASE"))
        await session.flush()
        return instances, grants

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
