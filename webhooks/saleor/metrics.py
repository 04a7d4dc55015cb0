"""The webhook inbox's state on the router's /metrics, read from the database at scrape time (so
every router worker reports the same): deliveries waiting (PENDING) or given up (FAILED, until
`cmp webhooks replay`), and how long the oldest waiting one has waited. Processed deliveries are
not counted: that table only grows, and what operators act on is what is stuck."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import func, select

from webhooks.saleor.inbox import Inbox
from webhooks.saleor.models import SaleorDelivery

WATCHED = ("PENDING", "FAILED")


class InboxMetrics(Collector):
    def __init__(self, inbox: Inbox) -> None:
        self.inbox = inbox
        self.counts = dict.fromkeys(WATCHED, 0)
        self.oldest_pending_seconds = 0.0
        self.answered = False

    async def refresh(self) -> None:
        try:
            async with self.inbox.db.session() as session:
                rows = (
                    await session.execute(
                        select(
                            SaleorDelivery.status,
                            func.count(),
                            func.min(SaleorDelivery.received_at),
                        )
                        .where(SaleorDelivery.status.in_(WATCHED))
                        .group_by(SaleorDelivery.status)
                    )
                ).all()
        except Exception:  # the database is down: the scrape still answers, saying so
            self.answered = False
            return
        found = {status: (count, oldest) for status, count, oldest in rows}
        self.counts = {status: found.get(status, (0, None))[0] for status in WATCHED}
        oldest = found.get("PENDING", (0, None))[1]
        self.oldest_pending_seconds = (
            (datetime.now(UTC) - oldest).total_seconds() if oldest is not None else 0.0
        )
        self.answered = True

    def collect(self) -> Iterator[Metric]:
        deliveries = GaugeMetricFamily(
            "cmp_webhook_deliveries",
            "Saleor webhook deliveries in the inbox, by status (PENDING, FAILED)",
            labels=["status"],
        )
        for status, count in self.counts.items():
            deliveries.add_metric([status], count)
        yield deliveries
        yield GaugeMetricFamily(
            "cmp_webhook_oldest_pending_seconds",
            "How long the oldest PENDING delivery has waited (0 when none)",
            value=self.oldest_pending_seconds,
        )
        yield GaugeMetricFamily(
            "cmp_webhook_inbox_up",
            "1 when the inbox's database answered the last scrape",
            value=1.0 if self.answered else 0.0,
        )
