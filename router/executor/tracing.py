"""The executor's tracing hook: what it needs from a tracer, without importing one. With
tracing off (the default) the hook is None and a fetch costs one attribute test more; the
OpenTelemetry side is router.telemetry."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from router.executor.transport import FetchFailure, SubgraphResponse
    from router.planner.plan import Fetch


class FetchSpan(Protocol):
    def inject(self, headers: Mapping[str, str]) -> Mapping[str, str]:
        """`headers` plus this span's W3C `traceparent` (the subgraph continues the trace)."""

    def answered(self, response: SubgraphResponse) -> None: ...

    def failed(self, failure: FetchFailure) -> None: ...

    def end(self) -> None: ...


class FetchTracing(Protocol):
    def start(self, fetch: Fetch, variables: Mapping[str, Any]) -> FetchSpan: ...
