"""Processing the inbox: each due delivery runs `saleorOrderProcess` through the supergraph
with the service credential. Success marks it PROCESSED (so does a guest order, recorded for
saleorOrderClaim: retrying could not change it); any failure (the router or a
subgraph down, Saleor unreachable, an error in the payload) is retried with backoff until
`max_attempts`, then the delivery is FAILED and waits for `cmp webhooks replay`.
Processing is idempotent per order, so a retry after a half-finished attempt is safe.
While the inbox's database is down the processor backs off, logging one line when the outage
starts and one when it ends (not a stack trace per poll)."""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy.ext.asyncio import AsyncSession

from kernel.errors import CmpFailure
from kernel.logs import bind_request_id
from kernel.outage import OutageMonitor, poll_forever
from kernel.service_client import ServiceClient
from webhooks.saleor.inbox import ClaimedDelivery, Inbox
from webhooks.saleor.tracing import delivery_span

log = logging.getLogger(__name__)

PROCESS_ORDER = """mutation ProcessSaleorOrder($orderId: ID!) {
  saleorOrderProcess(orderId: $orderId) {
    orderId alreadyProcessed creditsGranted awaitingClaim errors { code message field }
  }
}"""


class InboxProcessor:
    def __init__(
        self,
        inbox: Inbox,
        supergraph: ServiceClient,
        max_attempts: int = 10,
        base_backoff_seconds: float = 2.0,
        poll_seconds: float = 1.0,
    ) -> None:
        self.inbox = inbox
        self.supergraph = supergraph
        self.max_attempts = max_attempts
        self.base_backoff_seconds = base_backoff_seconds
        self.poll_seconds = poll_seconds
        self.wakeup = asyncio.Event()
        self.outage = OutageMonitor("webhook inbox", log)

    def notify(self) -> None:
        """A delivery was stored: process it now rather than at the next poll."""
        self.wakeup.set()

    async def run_forever(self, stop: asyncio.Event) -> None:
        # A failed delivery is never lost: it stays stored for the next attempt.
        await poll_forever(
            self.process_one,
            stop,
            self.wakeup,
            self.poll_seconds,
            self.outage,
            "webhook inbox: processing failed",
        )

    async def process_one(self) -> bool:
        async with self.inbox.claim() as claimed:
            if claimed is None:
                return False
            session, delivery = claimed
            with delivery_span(delivery):
                return await self._process(session, delivery)

    async def _process(self, session: AsyncSession, delivery: ClaimedDelivery) -> bool:
        bind_request_id(f"webhook-{delivery.id}")  # on its log lines
        try:
            data = await self.supergraph.execute(PROCESS_ORDER, {"orderId": delivery.order_id})
            payload = data.get("saleorOrderProcess") or {}
            errors = payload.get("errors") or []
            if errors and not payload.get("awaitingClaim"):
                raise CmpFailure.from_error(errors[0])
        except CmpFailure as failure:
            log.warning(
                "webhook %s (order %s) attempt %d failed: %s",
                delivery.id,
                delivery.order_id,
                delivery.attempts + 1,
                failure.message,
            )
            await self.inbox.failed_attempt(
                session,
                delivery,
                f"{failure.code.value}: {failure.message}",
                self.max_attempts,
                self.base_backoff_seconds,
            )
            return True
        await self.inbox.processed(session, delivery)
        log.info(
            "webhook %s: order %s %s",
            delivery.id,
            delivery.order_id,
            "recorded: a guest order, applied when claimed"
            if payload.get("awaitingClaim")
            else f"applied (already processed: {payload.get('alreadyProcessed')})",
        )
        return True
