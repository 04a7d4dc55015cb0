"""The executor's tracing hooks: what it needs from a tracer, without importing one. With
tracing off (the default) the hooks are None and a fetch or a subscription event costs one
attribute test more; the OpenTelemetry side is router.telemetry."""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import AbstractContextManager
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


class SubscriptionSpan(Protocol):
    """One subscription operation, from the client's request to its end: the parent of the
    primary fetch (the subgraph WebSocket) and of every event's fetches."""

    def active(self) -> AbstractContextManager[object]:
        """This span current for what runs inside (its children), without ending it; entered
        and left within one task, never across a `yield`."""

    def event(self, errors: int) -> None:
        """One event sent to the client, with `errors` GraphQL errors."""

    def failed(self, message: str) -> None:
        """The subscription ended on an error (the subgraph unreachable, refusing, dropping)."""

    def end(self, outcome: str) -> None:
        """`completed` or `client_left` (`error` when failed() was called)."""


class SubscriptionTracing(Protocol):
    def start(self, operation_name: str | None, transport: str) -> SubscriptionSpan:
        """A span under the current one (the client's request or WebSocket connection)."""
