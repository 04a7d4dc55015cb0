"""Query fields of the billing subgraph."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from subgraphs.billing import access
from subgraphs.billing.context import BillingContext
from subgraphs.billing.types import Wallet
from subgraphs.common.ids import parse_id


@strawberry.type
class Query:
    @strawberry.field(
        description="An organization's wallet; null (NOT_FOUND) unless the caller may see it."
    )
    async def wallet(
        self, info: Info[BillingContext, None], organization_id: strawberry.ID
    ) -> Wallet | None:
        access.require_signed_in(info.context)
        row = await access.visible_wallet_of(
            info.context, parse_id(organization_id, "organizationId"), what="wallet"
        )
        return Wallet.from_row(row)
