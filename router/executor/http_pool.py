"""A lean HTTP/1.1 keep-alive client for subgraph fetches: one asyncio protocol per connection,
httptools (the C parser uvicorn already uses) for responses, idle connections pooled per origin.

Why not aiohttp or httpx: a request here is one write of prepared bytes and one parsed answer;
the general-purpose clients spent more CPU on per-request bookkeeping (timers, stream readers,
header multidicts, connector locks) than the router spent on everything else (py-spy; figures
in bench/README.md). Only what subgraph fetches need: POST, Content-Length bodies out, any
framing in (Content-Length, chunked, close-delimited), http and https."""

from __future__ import annotations

import asyncio
import ssl
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import cast
from urllib.parse import urlsplit

import httptools

# Below the 5 s idle timeout of uvicorn (the subgraphs' server), so a pooled connection is never
# one the subgraph is closing at that moment.
KEEPALIVE_SECONDS = 4.0
MAX_IDLE_PER_ORIGIN = 256
_ENCODED_HEADER_SETS = 64  # a request id makes each client request's set new: a few in flight


class ConnectFailed(OSError):
    """The subgraph could not be reached (refused, unresolvable, TLS handshake failed)."""


class ConnectionClosed(OSError):
    """The subgraph closed the connection before a complete response."""


class MalformedResponse(OSError):
    """The bytes that came back are not HTTP/1.1."""


@dataclass(slots=True)
class HttpResponse:
    status: int
    headers: list[tuple[bytes, bytes]]  # lower-case names, in arrival order
    body: bytes


@dataclass(frozen=True, slots=True)
class _Target:
    key: tuple[str, str, int]  # scheme, host, port: the pool an origin's connections share
    host: str
    port: int
    tls: bool
    head: bytes  # "POST /path HTTP/1.1\r\nHost: ...\r\n"


class _Connection(asyncio.Protocol):
    __slots__ = (
        "_body",
        "_head_done",
        "_headers",
        "_parser",
        "_waiter",
        "closed",
        "idle_since",
        "transport",
    )

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self._parser = httptools.HttpResponseParser(self)
        self._waiter: asyncio.Future[HttpResponse] | None = None
        self._headers: list[tuple[bytes, bytes]] = []
        self._body: list[bytes] = []
        self._head_done = False
        self.closed = False
        self.idle_since = 0.0

    # asyncio.Protocol
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's is not a subclass

    def data_received(self, data: bytes) -> None:
        try:
            self._parser.feed_data(data)
        except httptools.HttpParserUpgrade:
            self._fail(MalformedResponse("unexpected protocol upgrade"))
        except httptools.HttpParserError as error:
            self._fail(MalformedResponse(f"malformed HTTP response: {error}"))

    def eof_received(self) -> bool | None:
        # The server is done with this connection: never reuse it. A response with neither
        # Content-Length nor chunks ends here.
        self.closed = True
        waiter = self._waiter
        if waiter is not None and not waiter.done() and self._head_done:
            waiter.set_result(
                HttpResponse(self._parser.get_status_code(), self._headers, b"".join(self._body))
            )
        return None

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_exception(
                ConnectionClosed(f"connection closed before a response: {exc or 'EOF'}")
            )

    # httptools callbacks
    def on_header(self, name: bytes, value: bytes) -> None:
        self._headers.append((name.lower(), value))

    def on_headers_complete(self) -> None:
        self._head_done = True

    def on_body(self, body: bytes) -> None:
        self._body.append(body)

    def on_message_complete(self) -> None:
        waiter = self._waiter
        if waiter is None or waiter.done():
            return
        body = self._body[0] if len(self._body) == 1 else b"".join(self._body)
        waiter.set_result(HttpResponse(self._parser.get_status_code(), self._headers, body))
        if not self._parser.should_keep_alive():
            self.close()

    def _fail(self, error: Exception) -> None:
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_exception(error)
        self.close()

    def close(self) -> None:
        self.closed = True
        if self.transport is not None:
            self.transport.close()

    @property
    def nothing_received(self) -> bool:
        return not self._head_done and not self._headers

    def send(self, data: bytes) -> asyncio.Future[HttpResponse]:
        assert self.transport is not None
        self._headers = []
        self._body = []
        self._head_done = False
        self._waiter = waiter = asyncio.get_running_loop().create_future()
        self.transport.write(data)
        return waiter

    def on_timeout(self) -> None:
        self._fail(TimeoutError())


class HttpPool:
    def __init__(
        self,
        keepalive_seconds: float = KEEPALIVE_SECONDS,
        base_headers: Mapping[str, str] | None = None,
    ) -> None:
        """`base_headers` go with every request and win over a caller's header of the same
        name (the router's Accept and Content-Type)."""
        self.keepalive_seconds = keepalive_seconds
        self._idle: dict[tuple[str, str, int], list[_Connection]] = {}
        self._targets: dict[str, _Target] = {}
        self._tls: ssl.SSLContext | None = None
        base = base_headers or {}
        self._base_names = frozenset(name.lower() for name in base)
        self._base = b"".join(_header(name, value) for name, value in base.items())
        # Encoded header blocks by their (name, value) pairs: a client request's fetches send
        # the same few header sets, so each is encoded once rather than once per fetch.
        self._encoded: dict[tuple[tuple[str, str], ...], bytes] = {}

    def _headers(self, headers: Mapping[str, str]) -> bytes:
        key = tuple(headers.items())
        encoded = self._encoded.get(key)
        if encoded is None:
            encoded = self._base + b"".join(
                _header(name, value) for name, value in key if name.lower() not in self._base_names
            )
            if len(self._encoded) >= _ENCODED_HEADER_SETS:
                self._encoded.pop(next(iter(self._encoded)))  # oldest first
            self._encoded[key] = encoded
        return encoded

    def _target(self, url: str) -> _Target:
        target = self._targets.get(url)
        if target is None:
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise ConnectFailed(f"unsupported subgraph URL {url!r}")
            tls = parts.scheme == "https"
            port = parts.port or (443 if tls else 80)
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            head = f"POST {path} HTTP/1.1\r\nHost: {parts.netloc}\r\n".encode("latin-1")
            target = _Target((parts.scheme, parts.hostname, port), parts.hostname, port, tls, head)
            self._targets[url] = target
        return target

    def _take_idle(self, target: _Target) -> _Connection | None:
        idle = self._idle.get(target.key)
        if not idle:
            return None
        oldest_usable = time.monotonic() - self.keepalive_seconds
        while idle:
            connection = idle.pop()
            if not connection.closed and connection.idle_since > oldest_usable:
                return connection
            connection.close()
        return None

    def _release(self, target: _Target, connection: _Connection) -> None:
        if connection.closed:
            return
        idle = self._idle.setdefault(target.key, [])
        if len(idle) >= MAX_IDLE_PER_ORIGIN:
            connection.close()
            return
        connection.idle_since = time.monotonic()
        idle.append(connection)

    async def _connect(self, target: _Target) -> _Connection:
        loop = asyncio.get_running_loop()
        tls: ssl.SSLContext | None = None
        if target.tls:
            if self._tls is None:
                self._tls = ssl.create_default_context()
            tls = self._tls
        try:
            _, protocol = await loop.create_connection(
                _Connection,
                target.host,
                target.port,
                ssl=tls,
                server_hostname=target.host if tls else None,
            )
        except (OSError, ssl.SSLError) as error:
            raise ConnectFailed(str(error) or type(error).__name__) from error
        return protocol

    async def post(
        self,
        url: str,
        headers: Mapping[str, str],
        body: bytes,
        timeout_seconds: float,
        retry_stale: bool = False,
    ) -> HttpResponse:
        """One POST. Raises TimeoutError, ConnectFailed, ConnectionClosed, MalformedResponse.

        `retry_stale` (for requests safe to repeat, i.e. queries): a pooled connection the
        server closed while it was idle fails before any answer; the request is then sent once
        more on a new connection."""
        target = self._target(url)
        request = b"".join(
            (
                target.head,
                self._headers(headers),
                b"content-length: %d\r\n\r\n" % len(body),
                body,
            )
        )
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout_seconds
        connection = self._take_idle(target)
        reused = connection is not None
        while True:
            if connection is None:
                connection = await asyncio.wait_for(self._connect(target), timeout_seconds)
            timer = loop.call_at(deadline, connection.on_timeout)
            try:
                response = await connection.send(request)
            except ConnectionClosed:
                if not (reused and retry_stale and connection.nothing_received):
                    raise
                reused, connection = False, None  # once, on a fresh connection
                continue
            finally:
                timer.cancel()
            self._release(target, connection)
            return response

    async def close(self) -> None:
        for idle in self._idle.values():
            for connection in idle:
                connection.close()
        self._idle.clear()


def _header(name: str, value: str) -> bytes:
    line = f"{name}: {value}\r\n"
    if "\n" in value or "\r" in value or "\n" in name or "\r" in name:
        raise ValueError(f"header {name!r} contains a line break")
    try:
        return line.encode("latin-1")
    except UnicodeEncodeError:
        return line.encode()
