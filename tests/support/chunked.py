"""Sending a large chunked body (no Content-Length) over a raw socket, the way an attacker
would, and noting how much of it the server took before it answered and hung up."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass

CHUNK = b"[" * 65536  # JSON-looking, so nothing refuses it for its content type alone


@dataclass(frozen=True)
class Streamed:
    status: int | None  # the answer's status code, if one came
    response: bytes
    sent: int  # body bytes written before the server stopped taking them
    stalled: bool  # the server neither read on nor hung up (a limit must hang up)


async def stream_chunked(
    host: str, port: int, path: str, headers: dict[str, str], total_bytes: int
) -> Streamed:
    reader, writer = await asyncio.open_connection(host, port)
    head = [f"POST {path} HTTP/1.1", f"Host: {host}:{port}", "Transfer-Encoding: chunked"]
    head += [f"{name}: {value}" for name, value in headers.items()]
    writer.write(("\r\n".join(head) + "\r\n\r\n").encode())
    sent = 0
    stalled = False
    answered = asyncio.create_task(reader.read(65536))
    try:
        while sent < total_bytes and not answered.done():
            writer.write(b"%x\r\n" % len(CHUNK) + CHUNK + b"\r\n")
            await asyncio.wait_for(writer.drain(), 20)
            sent += len(CHUNK)
        if sent >= total_bytes and not answered.done():
            writer.write(b"0\r\n\r\n")
            await asyncio.wait_for(writer.drain(), 20)
    except (ConnectionResetError, BrokenPipeError):
        pass  # the server hung up on us: what a limit should do
    except TimeoutError:
        stalled = True
    try:
        response = await asyncio.wait_for(answered, 30)
    except (ConnectionResetError, TimeoutError):
        response = b""
    writer.transport.abort()
    with contextlib.suppress(Exception):
        await writer.wait_closed()
    status = int(response.split(b" ", 2)[1]) if response.startswith(b"HTTP/1.1 ") else None
    return Streamed(status, response, sent, stalled)
