"""The router's X-Request-Id on every log line a subgraph writes while answering it."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from kernel.logs import bind_request_id

_HEADER = b"x-request-id"
_MAX_LENGTH = 200  # a longer value is not the router's; it is not logged


class RequestIdMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            request_id = None
            for name, value in scope["headers"]:
                if name == _HEADER and len(value) <= _MAX_LENGTH:
                    request_id = value.decode("latin-1")
                    break
            bind_request_id(request_id)
        await self.app(scope, receive, send)
