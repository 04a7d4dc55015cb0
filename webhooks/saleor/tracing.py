"""A span per processed delivery (service `cmp-webhooks`): its `saleorOrderProcess` call through
the router (an httpx span carrying `traceparent`) and the inbox's SQL are its children, so the
router's and the subgraphs' work for a delivery is one trace. Nothing when tracing is off."""

from __future__ import annotations

from contextlib import nullcontext
from typing import TYPE_CHECKING, Any

from subgraphs.common.telemetry import tracer

if TYPE_CHECKING:
    from webhooks.saleor.inbox import ClaimedDelivery

SERVICE = "cmp-webhooks"


def delivery_span(delivery: ClaimedDelivery) -> Any:
    traces = tracer(SERVICE)
    if traces is None:
        return nullcontext()
    return traces.start_as_current_span(
        "webhook.process",
        attributes={
            "cmp.webhook.delivery_id": str(delivery.id),
            "cmp.webhook.order_id": delivery.order_id,
            "cmp.webhook.attempt": delivery.attempts + 1,
        },
    )
