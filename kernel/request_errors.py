"""Request errors in GraphQL's response shape (`{"errors": [{"message", "extensions": {"code"}}]}`),
so GraphQL clients show them like any other; and refusing an HTTP request from ASGI middleware,
before any framework sees it, with one sent as raw ASGI messages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import orjson
from starlette.types import Send


def error_entry(message: str, code: str) -> dict[str, Any]:
    return {"message": message, "extensions": {"code": code}}


def request_error(message: str, code: str) -> dict[str, Any]:
    """A response with that one error and no data."""
    return {"errors": [error_entry(message, code)]}


def error_body(message: str, code: str) -> bytes:
    return orjson.dumps(request_error(message, code))


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
