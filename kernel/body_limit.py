"""Bounded request bodies, counted as they arrive (chunked bodies without Content-Length too).

`BodyLimitMiddleware` wraps an ASGI app: a declared Content-Length over the limit is answered
413 before a byte is read; otherwise bytes are counted as the app receives them, and the
chunk that crosses the limit ends the request with 413 whatever the app was doing. The answer
says `Connection: close`, so the server stops reading the rest instead of draining it.

Endpoints that read their body themselves use `read_limited` (same counting, their own limit).
Used by the router's host (its /graphql and Saleor's webhook) and by every subgraph.

Why not Starlette's RequestBodyLimitMiddleware (or FastAPI's `max_body_size`, built on it): its
413 keeps the connection alive, so the server goes on reading — and discarding — the rest of the
body, however large (the memory is safe, the bandwidth and CPU are not); its answer is plain
text where our clients expect a GraphQL error; and a declared Content-Length is only refused
once the app starts reading.
"""

from __future__ import annotations

from collections.abc import Mapping

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kernel.request_errors import error_body, send_refusal

PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE"


class BodyTooLarge(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(f"the request body exceeds {limit} bytes")
        self.limit = limit


def declared_length(headers: Mapping[str, str] | list[tuple[bytes, bytes]]) -> int | None:
    if isinstance(headers, Mapping):
        value = headers.get("content-length")
    else:
        value = next((v.decode("latin-1") for k, v in headers if k == b"content-length"), None)
    return int(value) if value is not None and value.strip().isdigit() else None


async def read_limited(request: Request, limit: int) -> bytes:
    """The whole body, or BodyTooLarge as soon as more than `limit` bytes have arrived."""
    declared = declared_length(request.headers)
    if declared is not None and declared > limit:
        raise BodyTooLarge(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def too_large_body(limit: int) -> bytes:
    """The 413 body: GraphQL-shaped, so GraphQL clients show it like any request error."""
    return error_body(str(BodyTooLarge(limit)), PAYLOAD_TOO_LARGE)


def too_large_response(limit: int) -> Response:
    """413 for an endpoint that read too much itself; the connection is closed after it."""
    return Response(
        too_large_body(limit), 413, headers={"connection": "close"}, media_type="application/json"
    )


async def send_too_large(send: Send, limit: int) -> None:
    await send_refusal(send, 413, too_large_body(limit), close_connection=True)


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.max_bytes
        declared = declared_length(scope.get("headers") or [])
        if declared is not None and declared > limit:
            await send_too_large(send, limit)
            return
        received = 0
        overflowed = False
        started = False

        async def counted_receive() -> Message:
            nonlocal received, overflowed
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    overflowed = True
                    raise BodyTooLarge(limit)
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if overflowed:
                return  # the 413 below replaces whatever the app answers
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, guarded_send)
        except Exception:
            if not overflowed:
                raise
        if overflowed and not started:
            await send_too_large(send, limit)
