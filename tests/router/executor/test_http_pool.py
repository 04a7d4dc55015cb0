"""The subgraph client pool over real sockets: every response framing, keep-alive reuse, a
server that closes idle connections, timeouts, refused connections and garbage."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import pytest

from cmp.serving import free_port
from router.executor.http_pool import (
    ConnectFailed,
    ConnectionClosed,
    HttpPool,
    MalformedResponse,
)
from router.executor.transport import SubgraphTransport

Answer = Callable[[bytes], bytes | None]  # request bytes -> raw response (None: say nothing)


@asynccontextmanager
async def raw_server(
    answer: Answer, close_after: bool = False, close_when_silent: bool = False
) -> AsyncIterator[dict[str, int]]:
    """A server that reads one request at a time and writes `answer(request)` verbatim
    (`close_when_silent`: no answer closes the connection, as a server closing an idle
    keep-alive connection just as a request arrives)."""
    stats = {"connections": 0, "requests": 0}

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        stats["connections"] += 1
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = next(
                    int(line.split(b":", 1)[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length:")
                )
                request = head + await reader.readexactly(length)
                stats["requests"] += 1
                response = answer(request)
                if response is not None:
                    writer.write(response)
                    await writer.drain()
                elif close_when_silent:
                    break
                if close_after:
                    break
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    port = free_port()
    server = await asyncio.start_server(handle, "127.0.0.1", port)
    stats["port"] = port
    try:
        yield stats
    finally:
        server.close()
        await server.wait_closed()


def _url(stats: dict[str, int]) -> str:
    return f"http://127.0.0.1:{stats['port']}/graphql"


BODY = b'{"data":{"ok":true}}'


def content_length(_: bytes) -> bytes:
    return b"HTTP/1.1 200 OK\r\ncontent-length: %d\r\nX-Seen: a\r\n\r\n" % len(BODY) + BODY


def chunked(_: bytes) -> bytes:
    return (
        b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n"
        b"8\r\n" + BODY[:8] + b"\r\n" + b"%x\r\n" % (len(BODY) - 8) + BODY[8:] + b"\r\n0\r\n\r\n"
    )


async def test_content_length_response_and_keep_alive_reuse() -> None:
    async with raw_server(content_length) as stats:
        pool = HttpPool()
        try:
            for _ in range(3):
                response = await pool.post(_url(stats), {"x-a": "1"}, b"{}", 5)
                assert (response.status, response.body) == (200, BODY)
                assert (b"x-seen", b"a") in response.headers
        finally:
            await pool.close()
    assert stats["requests"] == 3
    assert stats["connections"] == 1  # one connection, reused


async def test_chunked_response() -> None:
    async with raw_server(chunked) as stats:
        pool = HttpPool()
        try:
            response = await pool.post(_url(stats), {}, b"{}", 5)
        finally:
            await pool.close()
    assert response.body == BODY


async def test_response_ended_by_closing_the_connection() -> None:
    def close_delimited(_: bytes) -> bytes:
        return b"HTTP/1.1 200 OK\r\nconnection: close\r\n\r\n" + BODY

    async with raw_server(close_delimited, close_after=True) as stats:
        pool = HttpPool()
        try:
            first = await pool.post(_url(stats), {}, b"{}", 5)
            second = await pool.post(_url(stats), {}, b"{}", 5)  # a new connection
        finally:
            await pool.close()
    assert first.body == second.body == BODY
    assert stats["connections"] == 2


async def test_parallel_requests_use_separate_connections() -> None:
    async with raw_server(content_length) as stats:
        pool = HttpPool()
        try:
            responses = await asyncio.gather(
                *(pool.post(_url(stats), {}, b"{}", 5) for _ in range(8))
            )
            again = await asyncio.gather(*(pool.post(_url(stats), {}, b"{}", 5) for _ in range(8)))
        finally:
            await pool.close()
    assert all(r.body == BODY for r in [*responses, *again])
    assert stats["connections"] == 8  # the second round reused all eight


async def test_a_connection_idle_too_long_is_not_reused() -> None:
    async with raw_server(content_length) as stats:
        pool = HttpPool(keepalive_seconds=0.05)
        try:
            await pool.post(_url(stats), {}, b"{}", 5)
            await asyncio.sleep(0.1)
            await pool.post(_url(stats), {}, b"{}", 5)
        finally:
            await pool.close()
    assert stats["connections"] == 2


async def test_timeout_then_the_pool_still_works() -> None:
    calls = {"n": 0}

    def slow_first(request: bytes) -> bytes | None:
        calls["n"] += 1
        return None if calls["n"] == 1 else content_length(request)

    async with raw_server(slow_first) as stats:
        pool = HttpPool()
        try:
            with pytest.raises(TimeoutError):
                await pool.post(_url(stats), {}, b"{}", 0.2)
            response = await pool.post(_url(stats), {}, b"{}", 5)
        finally:
            await pool.close()
    assert response.body == BODY
    assert stats["connections"] == 2  # the timed-out connection was dropped


@pytest.mark.parametrize("retry", [True, False])
async def test_a_pooled_connection_closed_by_the_server_is_retried_for_queries(
    retry: bool,
) -> None:
    calls = {"n": 0}

    def drop_the_second(request: bytes) -> bytes | None:
        calls["n"] += 1
        return None if calls["n"] == 2 else content_length(request)

    async with raw_server(drop_the_second, close_when_silent=True) as stats:
        pool = HttpPool()
        try:
            await pool.post(_url(stats), {}, b"{}", 5)
            if retry:
                response = await pool.post(_url(stats), {}, b"{}", 5, retry_stale=True)
                assert response.body == BODY
            else:  # a mutation is never sent twice
                with pytest.raises(ConnectionClosed):
                    await pool.post(_url(stats), {}, b"{}", 5)
        finally:
            await pool.close()
    assert stats["requests"] == (3 if retry else 2)
    assert stats["connections"] == (2 if retry else 1)


async def test_refused_connection() -> None:
    pool = HttpPool()
    with pytest.raises(ConnectFailed):
        await pool.post(f"http://127.0.0.1:{free_port()}/graphql", {}, b"{}", 5)


async def test_server_closing_without_an_answer() -> None:
    async with raw_server(lambda _: None, close_after=True) as stats:
        pool = HttpPool()
        with pytest.raises(ConnectionClosed):
            await pool.post(_url(stats), {}, b"{}", 5)


async def test_garbage_instead_of_http() -> None:
    async with raw_server(lambda _: b"SSH-2.0-OpenSSH\r\n\r\n") as stats:
        pool = HttpPool()
        with pytest.raises(MalformedResponse):
            await pool.post(_url(stats), {}, b"{}", 5)


async def test_header_values_cannot_inject_lines() -> None:
    async with raw_server(content_length) as stats:
        pool = HttpPool()
        with pytest.raises(ValueError, match="line break"):
            await pool.post(_url(stats), {"x-a": "1\r\nx-injected: 1"}, b"{}", 5)
        await pool.close()
    assert stats["requests"] == 0


async def test_transport_maps_pool_failures_to_fetch_failures() -> None:
    transport = SubgraphTransport(timeout_seconds=0.2)
    async with raw_server(lambda _: None) as stats:
        with pytest.raises(Exception, match=r"timed out after 0\.2s") as timed_out:
            await transport.post(_url(stats), {"query": "{ a }"})
    with pytest.raises(Exception, match="ConnectError") as refused:
        await transport.post(f"http://127.0.0.1:{free_port()}/graphql", {"query": "{ a }"})
    await transport.close()
    assert getattr(timed_out.value, "code", None) == "SUBREQUEST_TIMEOUT"
    assert getattr(refused.value, "code", None) == "SUBREQUEST_HTTP_ERROR"
