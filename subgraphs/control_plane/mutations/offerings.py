"""offeringCreate, offeringUpdate, creditPackSet: the catalog side, staff only."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import strawberry
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from subgraphs.common.errors import conflict, invalid, not_found
from subgraphs.common.ids import parse_id
from subgraphs.common.inputs import opt
from subgraphs.common.payloads import errors_in_payload
from subgraphs.control_plane import access, models
from subgraphs.control_plane.context import ControlPlaneInfo
from subgraphs.control_plane.mutations.payloads import (
    CreditPackSetInput,
    CreditPackSetPayload,
    OfferingCreateInput,
    OfferingCreatePayload,
    OfferingUpdateInput,
    OfferingUpdatePayload,
    PlanInput,
)
from subgraphs.control_plane.saleor_types import ProductVariant
from subgraphs.control_plane.types import Offering
from subgraphs.control_plane.validation import (
    clean_allowed_tweaks,
    clean_code,
    clean_credits,
    clean_external_id,
    clean_slug,
    clean_text,
)

MAX_PLANS = 50


def _clean_plans(plans: list[PlanInput]) -> list[PlanInput]:
    if len(plans) > MAX_PLANS:
        raise invalid(f"at most {MAX_PLANS} plans", field="plans")
    cleaned: list[PlanInput] = []
    codes: set[str] = set()
    variants: set[str] = set()
    for index, plan in enumerate(plans):
        where = f"plans.{index}"
        code = clean_code(plan.code, f"{where}.code")
        if code in codes:
            raise invalid(f"plan code {code!r} appears twice", field=f"{where}.code")
        codes.add(code)
        raw_variant = opt(plan.variant_id)
        variant = clean_external_id(raw_variant, f"{where}.variantId") if raw_variant else None
        if variant is not None:
            if variant in variants:
                raise invalid("a variant can sell only one plan", field=f"{where}.variantId")
            variants.add(variant)
        cleaned.append(
            PlanInput(
                code=code,
                name=clean_text(plan.name, f"{where}.name"),
                included_credits=clean_credits(plan.included_credits, f"{where}.includedCredits"),
                variant_id=strawberry.ID(variant) if variant else None,
            )
        )
    return cleaned


async def _check_variants_free(
    session: AsyncSession, plans: list[PlanInput], offering_id: uuid.UUID | None
) -> None:
    """A variant sells one thing: one live plan, or credits."""
    variants = [str(p.variant_id) for p in plans if p.variant_id]
    if not variants:
        return
    statement = select(models.Plan.variant_id).where(
        models.Plan.variant_id.in_(variants), models.Plan.archived_at.is_(None)
    )
    if offering_id is not None:
        # The offering's own plans are being replaced: their variants may stay.
        statement = statement.where(models.Plan.offering_id != offering_id)
    taken_by_plan = await session.scalars(statement)
    taken_by_pack = await session.scalars(
        select(models.CreditPack.variant_id).where(models.CreditPack.variant_id.in_(variants))
    )
    taken = {v for v in (*taken_by_plan.all(), *taken_by_pack.all()) if v is not None}
    if taken:
        raise conflict(f"variant {sorted(taken)[0]} already sells something else", field="plans")


async def _check_product_free(
    session: AsyncSession, product_id: str, offering_id: uuid.UUID | None
) -> None:
    owner = await session.scalar(
        select(models.Offering.id).where(models.Offering.product_id == product_id)
    )
    if owner is not None and owner != offering_id:
        raise conflict("another offering is sold by this product", field="productId")


async def _replace_plans(
    session: AsyncSession, offering_id: uuid.UUID, plans: list[PlanInput]
) -> None:
    existing = {
        plan.code: plan
        for plan in (
            await session.scalars(select(models.Plan).where(models.Plan.offering_id == offering_id))
        ).all()
    }
    wanted = {plan.code for plan in plans}
    now = datetime.now(UTC)
    for code, row in existing.items():
        if code not in wanted and row.archived_at is None:
            row.archived_at = now
    await session.flush()  # archive first: a variant may move from a dropped plan to a new one
    for plan in plans:
        current = existing.get(plan.code)
        variant = opt(plan.variant_id)
        if current is None:
            session.add(
                models.Plan(
                    offering_id=offering_id,
                    code=plan.code,
                    name=plan.name,
                    included_credits=plan.included_credits,
                    variant_id=variant,
                )
            )
        else:
            current.name = plan.name
            current.included_credits = plan.included_credits
            current.variant_id = variant
            current.archived_at = None
    await session.flush()


@strawberry.type
class OfferingMutations:
    @strawberry.mutation(description="Staff only.")
    async def offering_create(
        self, info: ControlPlaneInfo, input: OfferingCreateInput
    ) -> OfferingCreatePayload:
        ctx = info.context

        async def work() -> OfferingCreatePayload:
            access.require_staff(ctx)
            slug = clean_slug(input.slug)
            name = clean_text(input.name, "name")
            raw_description, raw_product = opt(input.description), opt(input.product_id)
            description = (
                clean_text(raw_description, "description", 5000) if raw_description else None
            )
            flow_id = clean_external_id(input.flow_id, "flowId")
            credits_per_run = clean_credits(input.credits_per_run, "creditsPerRun")
            product_id = clean_external_id(raw_product, "productId") if raw_product else None
            plans = _clean_plans(opt(input.plans) or [])
            allowed_tweaks = clean_allowed_tweaks(opt(input.allowed_tweaks) or [])
            async with ctx.db.transaction() as session:
                taken = await session.scalar(
                    select(models.Offering.id).where(models.Offering.slug == slug)
                )
                if taken is not None:
                    raise conflict("an offering with this slug exists", field="slug")
                if product_id:
                    await _check_product_free(session, product_id, None)
                await _check_variants_free(session, plans, None)
                offering = models.Offering(
                    slug=slug,
                    name=name,
                    description=description,
                    flow_id=flow_id,
                    credits_per_run=credits_per_run,
                    product_id=product_id,
                    allowed_tweaks=allowed_tweaks,
                )
                session.add(offering)
                await session.flush()
                await _replace_plans(session, offering.id, plans)
                await session.refresh(offering)
            return OfferingCreatePayload(offering=Offering.from_row(offering))

        return await errors_in_payload(OfferingCreatePayload, work)

    @strawberry.mutation(description="Staff only.")
    async def offering_update(
        self, info: ControlPlaneInfo, id: strawberry.ID, input: OfferingUpdateInput
    ) -> OfferingUpdatePayload:
        ctx = info.context

        async def work() -> OfferingUpdatePayload:
            access.require_staff(ctx)
            offering_id = parse_id(id, "id")
            raw_plans = opt(input.plans)
            plans = _clean_plans(raw_plans) if raw_plans is not None else None
            name, description = opt(input.name), opt(input.description)
            flow_id, credits_per_run = opt(input.flow_id), opt(input.credits_per_run)
            product_id = opt(input.product_id)
            raw_tweaks = opt(input.allowed_tweaks)
            allowed_tweaks = clean_allowed_tweaks(raw_tweaks) if raw_tweaks is not None else None
            async with ctx.db.transaction() as session:
                offering = await session.get(models.Offering, offering_id, with_for_update=True)
                if offering is None:
                    raise not_found("offering", field="id")
                if name is not None:
                    offering.name = clean_text(name, "name")
                if description is not None:
                    offering.description = clean_text(description, "description", 5000)
                if flow_id is not None:
                    offering.flow_id = clean_external_id(flow_id, "flowId")
                if credits_per_run is not None:
                    offering.credits_per_run = clean_credits(credits_per_run, "creditsPerRun")
                if product_id is not None:
                    cleaned_product = clean_external_id(product_id, "productId")
                    await _check_product_free(session, cleaned_product, offering_id)
                    offering.product_id = cleaned_product
                if allowed_tweaks is not None:
                    offering.allowed_tweaks = allowed_tweaks
                if plans is not None:
                    await _check_variants_free(session, plans, offering_id)
                    await _replace_plans(session, offering_id, plans)
                await session.flush()
            return OfferingUpdatePayload(offering=Offering.from_row(offering))

        return await errors_in_payload(OfferingUpdatePayload, work)

    @strawberry.mutation(description="Staff only: credits a Saleor variant sells (0 removes).")
    async def credit_pack_set(
        self, info: ControlPlaneInfo, input: CreditPackSetInput
    ) -> CreditPackSetPayload:
        ctx = info.context

        async def work() -> CreditPackSetPayload:
            access.require_staff(ctx)
            variant_id = clean_external_id(input.variant_id, "variantId")
            credits = clean_credits(input.credits, "credits")
            async with ctx.db.transaction() as session:
                sells_plan = await session.scalar(
                    select(models.Plan.id).where(
                        models.Plan.variant_id == variant_id, models.Plan.archived_at.is_(None)
                    )
                )
                if sells_plan is not None:
                    raise conflict("this variant sells a plan", field="variantId")
                pack = await session.get(models.CreditPack, variant_id, with_for_update=True)
                if credits == 0:
                    if pack is not None:
                        await session.delete(pack)
                elif pack is None:
                    session.add(models.CreditPack(variant_id=variant_id, credits=credits))
                else:
                    pack.credits = credits
            return CreditPackSetPayload(variant=ProductVariant.reference(variant_id, info))

        return await errors_in_payload(CreditPackSetPayload, work)
