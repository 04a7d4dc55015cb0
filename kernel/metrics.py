"""What a component adds to its host's /metrics page: shared by the router's host and the
webhooks it serves (the webhooks never import the router)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from prometheus_client.registry import Collector


@dataclass(frozen=True)
class MetricsSource:
    """Figures the router's host also reports (e.g. the webhook inbox): read by `refresh`
    before each scrape (a database query), then yielded by `collector`."""

    collector: Collector
    refresh: Callable[[], Awaitable[None]]
