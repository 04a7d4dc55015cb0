"""What control-plane asks of other services (never their tables): billing to open wallets and
grant credits; Saleor (with the app token) for a paid order, in the shape order processing
needs."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

from kernel.service_client import ServiceClient
from subgraphs.common.errors import CmpErrorCode, CmpFailure

log = logging.getLogger(__name__)

WALLET_OPEN = (
    """mutation Open($id: ID!) { walletOpen(organizationId: $id) { errors { message } } }"""
)
GRANT = """mutation Grant($input: WalletGrantInput!) {
  walletGrant(input: $input) { alreadyApplied entry { amount } errors { code message field } }
}"""


class Billing:
    def __init__(self, client: ServiceClient) -> None:
        self.client = client

    async def connect(self) -> None:
        await self.client.connect()

    async def aclose(self) -> None:
        await self.client.aclose()

    async def open_wallet(self, organization_id: uuid.UUID) -> None:
        """One wallet per organization, created with it. If billing cannot be reached now, the
        organization still exists and billing opens the wallet on first use instead."""
        try:
            data = await self.client.execute(WALLET_OPEN, {"id": str(organization_id)})
        except CmpFailure as failure:
            log.warning("wallet of %s not opened yet: %s", organization_id, failure.message)
            return
        errors = (data.get("walletOpen") or {}).get("errors") or []
        if errors:
            log.warning("wallet of %s not opened yet: %s", organization_id, errors[0]["message"])

    async def grant(
        self, organization_id: uuid.UUID, amount: int, kind: str, reference: str, key: str
    ) -> None:
        """Credits for an organization, applied once per idempotency `key`."""
        data = await self.client.execute(
            GRANT,
            {
                "input": {
                    "organizationId": str(organization_id),
                    "amount": amount,
                    "kind": kind,
                    "reference": reference,
                    "idempotencyKey": key,
                }
            },
        )
        errors = (data.get("walletGrant") or {}).get("errors") or []
        if errors:
            raise CmpFailure(
                CmpErrorCode.UNAVAILABLE, f"billing refused the grant: {errors[0]['message']}"
            )


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
    """None when Saleor is not configured: every order is then UNAVAILABLE."""

    def __init__(self, client: ServiceClient | None) -> None:
        self._client = client

    async def connect(self) -> None:
        if self._client is not None:
            await self._client.connect()

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()

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
