"""saleorOrderProcess: the Saleor webhook's mutation (also for staff, to replay or reconcile);
saleorOrderClaim: a guest order, claimed by the owner of its email for an organization."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import strawberry

from subgraphs.common.errors import CmpError, CmpFailure, forbidden, not_found
from subgraphs.common.ids import parse_id
from subgraphs.common.payloads import errors_in_payload
from subgraphs.control_plane import access, models
from subgraphs.control_plane.context import ControlPlaneInfo
from subgraphs.control_plane.orders import AwaitingClaim, OrderOutcome
from subgraphs.control_plane.types import Instance
from subgraphs.control_plane.validation import clean_external_id


@strawberry.type
class SaleorOrderProcessPayload:
    order_id: strawberry.ID
    already_processed: bool
    instances: list[Instance]
    credits_granted: int
    errors: list[CmpError]
    awaiting_claim: bool = strawberry.field(
        default=False,
        description="A guest order, recorded: it applies once the owner of its email claims it "
        "with saleorOrderClaim (the webhook's delivery is then done).",
    )


async def _payload(
    order_id: strawberry.ID, work: Callable[[], Awaitable[OrderOutcome]]
) -> SaleorOrderProcessPayload:
    async def applied() -> SaleorOrderProcessPayload:
        outcome = await work()
        return SaleorOrderProcessPayload(
            order_id=strawberry.ID(outcome.order_id),
            already_processed=outcome.already_processed,
            instances=[Instance.from_row(row) for row in outcome.instances],
            credits_granted=outcome.credits_granted,
            errors=[],
        )

    def refused(failure: CmpFailure) -> SaleorOrderProcessPayload:
        return SaleorOrderProcessPayload(
            order_id=order_id,
            already_processed=False,
            instances=[],
            credits_granted=0,
            errors=[failure.as_error()],
            awaiting_claim=isinstance(failure, AwaitingClaim),
        )

    return await errors_in_payload(SaleorOrderProcessPayload, applied, failed=refused)


@strawberry.type
class OrderMutations:
    @strawberry.mutation(
        description="Apply a paid Saleor order exactly once: instances for plan variants, "
        "credits for plan grants and credit packs. Service or staff only. A guest order "
        "waits for saleorOrderClaim (CONFLICT until then)."
    )
    async def saleor_order_process(
        self, info: ControlPlaneInfo, order_id: strawberry.ID
    ) -> SaleorOrderProcessPayload:
        ctx = info.context

        async def work() -> OrderOutcome:
            access.require_staff(ctx)
            return await ctx.orders.process(clean_external_id(order_id, "orderId"))

        return await _payload(order_id, work)

    @strawberry.mutation(
        description="Apply a paid guest order (no Saleor account on it) to an organization: "
        "by a signed-in user whose token's email is the order's and who is an ACTIVE OWNER or "
        "ADMIN of the organization. Exactly once, like any order."
    )
    async def saleor_order_claim(
        self, info: ControlPlaneInfo, order_id: strawberry.ID, organization_id: strawberry.ID
    ) -> SaleorOrderProcessPayload:
        ctx = info.context

        async def work() -> OrderOutcome:
            principal = access.require_user(ctx)
            cleaned = clean_external_id(order_id, "orderId")
            organization = parse_id(organization_id, "organizationId")
            if not principal.email:
                raise forbidden("your sign-in carries no email to match the order's")
            # Staff get no shortcut: the organization must be the claimant's to charge.
            role = await access.role_in(ctx, organization)
            if role is None:
                raise not_found("organization", field="organizationId")
            if role not in models.MANAGER_ROLES:
                raise forbidden(
                    "only an OWNER or ADMIN of the organization may claim an order for it",
                    field="organizationId",
                )
            return await ctx.orders.claim(cleaned, organization, principal.email)

        return await _payload(order_id, work)
