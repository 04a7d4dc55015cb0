"""What one client request carries through the pipeline besides its document: the headers each
subgraph fetch sends, the subgraph response headers collected for the client, the request id."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass
class RequestContext:
    # Sent to every subgraph (Authorization, configured headers, the request id).
    subgraph_headers: Mapping[str, str] = field(default_factory=dict)
    # Added only for internal subgraphs: the service credential never leaves our services.
    internal_headers: Mapping[str, str] = field(default_factory=dict)
    external_subgraphs: frozenset[str] = frozenset()
    request_id: str = ""
    # Configured subgraph response headers (e.g. several Set-Cookie), in arrival order.
    response_headers: list[tuple[str, str]] = field(default_factory=list)
    # GET requests must not change anything: only queries run.
    queries_only: bool = False
    # Add the query plan to the response's extensions; plan_only skips execution (dry run).
    expose_query_plan: bool = False
    plan_only: bool = False
    # The operation's name once the document is validated (metrics and logs label by it).
    operation_name: str | None = None

    def headers_for(self, service: str) -> Mapping[str, str]:
        if not self.internal_headers or service in self.external_subgraphs:
            return self.subgraph_headers
        return {**self.subgraph_headers, **self.internal_headers}
