"""Refusing an HTTP request from ASGI middleware, before any framework sees it: a GraphQL-shaped
JSON error (so GraphQL clients show it like any request error), sent as raw ASGI messages."""

from __future__ import annotations

from collections.abc import Iterable

import orjson
from starlette.types import Send


def error_body(message: str, code: str) -> bytes:
    """`{"errors": [{"message": ..., "extensions": {"code": ...}}]}`, serialised."""
    return orjson.dumps({"errors": [{"message": message, "extensions": {"code": code}}]})


async def send_refusal(
    send: Send,
    status: int,
    body: bytes,
    *,
    headers: Iterable[tuple[bytes, bytes]] = (),
    close_connection: bool = False,
) -> None:
    """Answers `status` with the JSON `body`. `close_connection` when the rest of the request
    body stays unread: the connection cannot be reused, so the server stops reading it."""
    response_headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        *headers,
    ]
    if close_connection:
        response_headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": response_headers})
    await send({"type": "http.response.body", "body": body})
