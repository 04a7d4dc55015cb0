"""saleorOrderProcess: the Saleor webhook's mutation (also for staff, to replay or reconcile)."""

from __future__ import annotations

import strawberry

from subgraphs.common.errors import CmpError, CmpFailure
from subgraphs.control_plane import access
from subgraphs.control_plane.types import CPInfo, Instance
from subgraphs.control_plane.validation import clean_external_id


@strawberry.type
class SaleorOrderProcessPayload:
    order_id: strawberry.ID
    already_processed: bool
    instances: list[Instance]
    credits_granted: int
    errors: list[CmpError]


@strawberry.type
class OrderMutations:
    @strawberry.mutation(
        description="Apply a paid Saleor order exactly once: instances for plan variants, "
        "credits for plan grants and credit packs. Service or staff only."
    )
    async def saleor_order_process(
        self, info: CPInfo, order_id: strawberry.ID
    ) -> SaleorOrderProcessPayload:
        ctx = info.context
        try:
            access.require_staff(ctx)
            cleaned = clean_external_id(order_id, "orderId")
            outcome = await ctx.orders.process(cleaned)
        except CmpFailure as failure:
            return SaleorOrderProcessPayload(
                order_id=order_id,
                already_processed=False,
                instances=[],
                credits_granted=0,
                errors=[failure.as_error()],
            )
        return SaleorOrderProcessPayload(
            order_id=strawberry.ID(outcome.order_id),
            already_processed=outcome.already_processed,
            instances=[Instance.from_row(row) for row in outcome.instances],
            credits_granted=outcome.credits_granted,
            errors=[],
        )
