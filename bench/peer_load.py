"""A small closed-loop HTTP/1.1 load generator for the peer benchmark: N keep-alive connections,
each sending the next operation as soon as the previous answer is in, for D seconds. Raw asyncio
streams rather than an HTTP client library, so the generator costs little CPU on a 2-core
machine and the servers under test get most of it."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit


@dataclass
class LoadResult:
    seconds: float
    latencies: list[float] = field(default_factory=list)
    failures: int = 0

    def merge(self, other: LoadResult) -> None:
        self.seconds += other.seconds
        self.latencies.extend(other.latencies)
        self.failures += other.failures

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))] if ordered else 0.0


def post_request(url: str, body: dict[str, Any]) -> bytes:
    parts = urlsplit(url)
    payload = json.dumps(body).encode()
    head = (
        f"POST {parts.path or '/'} HTTP/1.1\r\n"
        f"Host: {parts.netloc}\r\n"
        "Content-Type: application/json\r\n"
        "Accept: application/json\r\n"
        f"Content-Length: {len(payload)}\r\n\r\n"
    )
    return head.encode() + payload


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {
        name.strip().lower(): value.strip()
        for name, _, value in (line.partition(":") for line in lines[1:] if line)
    }
    if "content-length" in headers:
        return status, await reader.readexactly(int(headers["content-length"]))
    chunks: list[bytes] = []
    while True:  # chunked transfer encoding
        size = int((await reader.readuntil(b"\r\n")).strip(), 16)
        chunk = await reader.readexactly(size + 2)
        if size == 0:
            return status, b"".join(chunks)
        chunks.append(chunk[:-2])


async def _connection(
    url: str, requests: Sequence[bytes], deadline: float, result: LoadResult, offset: int
) -> None:
    parts = urlsplit(url)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    index = offset
    try:
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            writer.write(requests[index % len(requests)])
            status, _ = await read_response(reader)
            if status == 200:
                result.latencies.append(time.perf_counter() - started)
            else:
                result.failures += 1
            index += 1
    finally:
        writer.close()


async def closed_loop(
    url: str, bodies: Sequence[dict[str, Any]], seconds: float, connections: int
) -> LoadResult:
    requests = [post_request(url, body) for body in bodies]
    started = time.perf_counter()
    result = LoadResult(seconds)
    await asyncio.gather(
        *(_connection(url, requests, started + seconds, result, i) for i in range(connections))
    )
    result.seconds = time.perf_counter() - started
    return result
