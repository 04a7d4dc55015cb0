"""Reading a paid order from Saleor (with the app token) in the shape order processing needs."""

from __future__ import annotations

from dataclasses import dataclass

from kernel.service_client import ServiceClient
from subgraphs.common.errors import CmpErrorCode, CmpFailure

ORDER_QUERY = """
query CmpPaidOrder($id: ID!) {
  order(id: $id) {
    id
    isPaid
    userEmail
    user { id email }
    metadata { key value }
    lines { id quantity variant { id } }
  }
}"""

ORGANIZATION_METADATA_KEY = "cmp.organization"


@dataclass(frozen=True)
class OrderLine:
    id: str
    quantity: int
    variant_id: str | None


@dataclass(frozen=True)
class PaidOrder:
    id: str
    is_paid: bool
    buyer_id: str | None
    buyer_email: str | None
    organization_hint: str | None  # metadata `cmp.organization`, as the storefront set it
    lines: list[OrderLine]


class SaleorOrders:
    def __init__(self, client: ServiceClient | None) -> None:
        self._client = client

    async def fetch(self, order_id: str) -> PaidOrder | None:
        if self._client is None:
            raise CmpFailure(
                CmpErrorCode.UNAVAILABLE,
                "Saleor is not configured (SALEOR_API_URL and SALEOR_APP_TOKEN)",
            )
        data = await self._client.execute(ORDER_QUERY, {"id": order_id}, read_only=True)
        order = data.get("order")
        if order is None:
            return None
        try:
            user = order.get("user") or {}
            metadata = {item["key"]: item["value"] for item in order.get("metadata") or []}
            return PaidOrder(
                id=order["id"],
                is_paid=bool(order.get("isPaid")),
                buyer_id=user.get("id"),
                buyer_email=user.get("email") or order.get("userEmail"),
                organization_hint=metadata.get(ORGANIZATION_METADATA_KEY),
                lines=[
                    OrderLine(
                        id=line["id"],
                        quantity=int(line["quantity"]),
                        variant_id=(line.get("variant") or {}).get("id"),
                    )
                    for line in order.get("lines") or []
                ],
            )
        except (KeyError, TypeError, ValueError) as error:
            raise self._client.unavailable(error) from error
