"""Sending a large chunked body (no Content-Length) over a raw socket, the way an attacker
would, and noting how much of it the server took before it answered and hung up.

A server that stops reading closes the connection with our bytes still unread in its socket,
which makes its kernel reset the connection; a 413 it sent just before may then be lost on the
way (that is TCP, not the server). Tests of "it stops reading" therefore accept a reset in
place of the answer; tests of the answer itself send just past the limit and then wait."""

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
    reset: bool  # the server reset the connection (it closed with our bytes unread)

    @property
    def refused(self) -> bool:
        """413, or hung up on us before the answer could be read."""
        return self.status == 413 or (self.status is None and self.reset)


async def stream_chunked(
    host: str,
    port: int,
    path: str,
    headers: dict[str, str],
    total_bytes: int,
    terminate: bool = True,
) -> Streamed:
    """POST `total_bytes` in 64 kB chunks, stopping as soon as an answer arrives or the
    connection breaks; `terminate=False` leaves the body unfinished and waits for the answer."""
    reader, writer = await asyncio.open_connection(host, port)
    head = [f"POST {path} HTTP/1.1", f"Host: {host}:{port}", "Transfer-Encoding: chunked"]
    head += [f"{name}: {value}" for name, value in headers.items()]
    writer.write(("\r\n".join(head) + "\r\n\r\n").encode())
    sent = 0
    stalled = reset = False
    answered = asyncio.create_task(reader.read(65536))
    try:
        while sent < total_bytes and not answered.done():
            writer.write(b"%x\r\n" % len(CHUNK) + CHUNK + b"\r\n")
            await asyncio.wait_for(writer.drain(), 20)
            sent += len(CHUNK)
        if terminate and sent >= total_bytes and not answered.done():
            writer.write(b"0\r\n\r\n")
            await asyncio.wait_for(writer.drain(), 20)
    except (ConnectionResetError, BrokenPipeError):
        reset = True  # the server hung up on us: what a limit should do
    except TimeoutError:
        stalled = True
    try:
        response = await asyncio.wait_for(answered, 30)
    except ConnectionResetError:
        response, reset = b"", True
    except TimeoutError:
        response, stalled = b"", True
    writer.transport.abort()
    with contextlib.suppress(Exception):
        await writer.wait_closed()
    status = int(response.split(b" ", 2)[1]) if response.startswith(b"HTTP/1.1 ") else None
    return Streamed(status, response, sent, stalled, reset or (status is None and not stalled))
