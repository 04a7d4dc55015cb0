"""What the HTTP layer is configured with (built from RouterSettings by `cmp router`; tests build
it directly). Pipeline options live in RouterConfig."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kernel.limits import MAX_JSON_DEPTH, MAX_REQUEST_BYTES

APOLLO_CSRF_HEADERS = ("x-apollo-operation-name", "apollo-require-preflight")


@dataclass(frozen=True)
class HttpOptions:
    # Origins allowed to call the router from a browser (the storefront's).
    cors_origins: tuple[str, ...] = ()
    # A GET or "simple" POST carrying none of these is refused as a possible CSRF.
    csrf_required_headers: tuple[str, ...] = APOLLO_CSRF_HEADERS
    playground: bool = True
    # Honour `Apollo-Expose-Query-Plan: true | dry-run` (the playground's plan panel uses it).
    expose_query_plan: bool = True
    max_request_bytes: int = MAX_REQUEST_BYTES
    # JSON bodies and GET variables/extensions nested deeper are refused (400), never a 500.
    max_json_depth: int = MAX_JSON_DEPTH
    # The supergraph file to watch for changes, and how often to look (seconds; 0: never).
    supergraph_file: Path | None = None
    reload_seconds: float = 1.0
    readiness_timeout_seconds: float = 2.0
    # graphql-transport-ws: a socket that sends no connection_init by then is closed (4408).
    websocket_init_timeout_seconds: float = 10.0
    # Comment lines on idle event streams, so proxies do not close them.
    event_stream_keep_alive_seconds: float = 12.0
    # Operation names clients choose are unbounded: /metrics labels this many, then "(other)".
    metrics_max_operations: int = 100
