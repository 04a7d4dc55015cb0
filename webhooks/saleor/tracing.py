"""A span per processing attempt of a delivery (service `cmp-webhooks`), a child of the router's
span for Saleor's POST that stored it (its trace context is stored with the delivery, as a run's
is): one trace shows the delivery arriving and every attempt at it. Its `saleorOrderProcess`
call through the router (an httpx span carrying `traceparent`) and the inbox's SQL are its
children, so the router's and the subgraphs' work for it is in that trace too. Nothing when
tracing is off."""

from __future__ import annotations

from contextlib import nullcontext
from typing import TYPE_CHECKING, Any

from kernel.telemetry import context_from, tracer

if TYPE_CHECKING:
    from webhooks.saleor.inbox import ClaimedDelivery

SERVICE = "cmp-webhooks"


def delivery_span(delivery: ClaimedDelivery) -> Any:
    traces = tracer(SERVICE)
    if traces is None:
        return nullcontext()
    return traces.start_as_current_span(
        "webhook.process",
        context=context_from(delivery.trace_context),
        attributes={
            "cmp.webhook.delivery_id": str(delivery.id),
            "cmp.webhook.order_id": delivery.order_id,
            "cmp.webhook.attempt": delivery.attempts + 1,
        },
    )
