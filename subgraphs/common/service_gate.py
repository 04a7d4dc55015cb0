"""In production a subgraph answers only our own services: the router, another subgraph, the
webhook processor — callers presenting the service credential. Anyone else gets 401 and no data,
whatever the path or method (`/graphql`, `_entities` and all). Only the probes an orchestrator
needs stay open, and they reveal nothing but "up" or "not ready"."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from kernel.auth.authenticate import SERVICE_TOKEN_HEADER, ServiceCredential
from kernel.request_errors import error_body, send_refusal

OPEN_PATHS = frozenset({"/health", "/ready"})
_HEADER = SERVICE_TOKEN_HEADER.encode()
_REFUSAL = error_body(
    "this subgraph answers only the router and other services of ours", "UNAUTHENTICATED"
)


class ServiceOnlyMiddleware:
    def __init__(self, app: ASGIApp, credential: ServiceCredential) -> None:
        self.app = app
        self.credential = credential

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or scope["path"] in OPEN_PATHS:
            await self.app(scope, receive, send)
            return
        presented = next(
            (v.decode("latin-1") for k, v in scope.get("headers") or () if k == _HEADER), None
        )
        if self.credential.matches(presented):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 4401})
            return
        await send_refusal(
            send,
            401,
            _REFUSAL,
            headers=[(b"www-authenticate", b"X-CMP-Service-Token")],
            # Any body stays unread.
            close_connection=True,
        )
