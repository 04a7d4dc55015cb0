"""Serve the workload's subgraphs fast enough never to be what a benchmark measures: each
distinct request body is executed once by graphql-core (so every answer is a real GraphQL
answer of the real schema), and its HTTP response bytes are kept and replayed for the same body.
A minimal HTTP/1.1 keep-alive server (httptools' parser on uvloop) in one process, one port per
subgraph:

    python -m bench.guild.responder accounts=PORT inventory=PORT products=PORT reviews=PORT
"""

from __future__ import annotations

import asyncio
import sys
from functools import partial
from typing import Any, cast

import httptools
import orjson
import uvloop
from graphql import GraphQLError, GraphQLSchema, execute, parse, validate

from bench.guild.subgraphs import build

MAX_REMEMBERED = 200_000  # distinct bodies: 64 names x 16 fetches x 2 gateways is ~2,000


def _http(status: str, body: bytes, content_type: bytes = b"application/json") -> bytes:
    return (
        f"HTTP/1.1 {status}\r\ncontent-length: {len(body)}\r\n".encode()
        + b"content-type: "
        + content_type
        + b"\r\n\r\n"
        + body
    )


class Responder:
    def __init__(self, schema: GraphQLSchema, counter: list[int]) -> None:
        self.schema = schema
        self.answers: dict[bytes, bytes] = {}
        self.counter = counter  # [fetches served, of which executed] by the whole process

    def answer(self, body: bytes) -> bytes:
        self.counter[0] += 1
        cached = self.answers.get(body)
        if cached is None:
            self.counter[1] += 1
            cached = _http("200 OK", orjson.dumps(self._execute(body)))
            if len(self.answers) < MAX_REMEMBERED:
                self.answers[body] = cached
        return cached

    def _execute(self, body: bytes) -> dict[str, Any]:
        try:
            request = orjson.loads(body)
            document = parse(request["query"])
        except (orjson.JSONDecodeError, KeyError, TypeError, GraphQLError) as error:
            return {"errors": [{"message": f"bad request: {error}"}]}
        errors = validate(self.schema, document)
        if errors:
            return {"errors": [e.formatted for e in errors]}
        result = execute(
            self.schema,
            document,
            variable_values=request.get("variables"),
            operation_name=request.get("operationName"),
        )
        assert not asyncio.iscoroutine(result)
        payload: dict[str, Any] = {"data": result.data}  # type: ignore[union-attr]
        if result.errors:  # type: ignore[union-attr]
            payload["errors"] = [e.formatted for e in result.errors]  # type: ignore[union-attr]
        return payload


class _Connection(asyncio.Protocol):
    def __init__(self, responder: Responder) -> None:
        self.responder = responder
        self.parser = httptools.HttpRequestParser(self)
        self.transport: asyncio.Transport | None = None
        self.url = b""
        self.body: list[bytes] = []

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's is not a subclass

    def data_received(self, data: bytes) -> None:
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError:
            assert self.transport is not None
            self.transport.write(_http("400 Bad Request", b"bad request", b"text/plain"))
            self.transport.close()

    def on_message_begin(self) -> None:
        self.url = b""
        self.body = []

    def on_url(self, url: bytes) -> None:
        self.url += url

    def on_body(self, body: bytes) -> None:
        self.body.append(body)

    def on_message_complete(self) -> None:
        assert self.transport is not None
        if self.parser.get_method() == b"POST":
            self.transport.write(self.responder.answer(b"".join(self.body)))
        else:  # readiness probes, and fetches served (GET /count) and executed (GET /executed)
            counter = self.responder.counter
            figure = counter[1] if self.url.startswith(b"/executed") else counter[0]
            self.transport.write(_http("200 OK", str(figure).encode(), b"text/plain"))
        if not self.parser.should_keep_alive():
            self.transport.close()


async def serve(ports: dict[str, int]) -> None:
    loop = asyncio.get_running_loop()
    subgraphs = {subgraph.name: subgraph for subgraph in build()}
    servers = []
    counter = [0, 0]
    for name, port in ports.items():
        responder = Responder(subgraphs[name].schema(), counter)
        servers.append(await loop.create_server(partial(_Connection, responder), "127.0.0.1", port))
    print("ready", flush=True)
    await asyncio.gather(*(server.serve_forever() for server in servers))


def main(arguments: list[str]) -> None:
    ports = {name: int(port) for name, _, port in (a.partition("=") for a in arguments)}
    uvloop.run(serve(ports))


if __name__ == "__main__":
    main(sys.argv[1:])
