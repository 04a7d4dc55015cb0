"""GraphQL over WebSocket on /graphql, `graphql-transport-ws` protocol (the one graphql-ws,
Apollo Client and GraphiQL speak): connection_init within a deadline, then any number of
concurrent operations by id — subscriptions stream `next` per event, queries and mutations
send one — each ended by `complete` from either side. Protocol violations close the socket
with the protocol's 44xx codes; a failing operation gets an `error` message, never a crash.

Browsers cannot set headers on a WebSocket, so the access token travels in the
`connection_init` payload (`{"Authorization": "Bearer …"}` or `{"headers": {…}}`)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Mapping
from contextlib import suppress
from typing import Any

import orjson
from starlette.datastructures import Headers
from starlette.websockets import WebSocket, WebSocketDisconnect

from kernel.logs import bind_request_id
from kernel.request_errors import error_entry
from router.executor import RequestContext
from router.http.headers import HeaderPolicy, InvalidServiceCredential, request_id_from
from router.http.options import HttpOptions
from router.http.protocol import HttpError, parse_post
from router.http.reload import RouterHolder

log = logging.getLogger("router.http.websocket")

PROTOCOL = "graphql-transport-ws"
BAD_REQUEST = 4400
UNAUTHORIZED = 4401
FORBIDDEN = 4403
INIT_TIMEOUT = 4408
DUPLICATE_ID = 4409
TOO_MANY_INITS = 4429
MAX_OPERATIONS_PER_SOCKET = 100


class _Closing(Exception):
    def __init__(self, code: int, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


class GraphQLWebSocket:
    def __init__(self, holder: RouterHolder, policy: HeaderPolicy, options: HttpOptions) -> None:
        self.holder = holder
        self.policy = policy
        self.options = options

    async def handle(self, websocket: WebSocket) -> None:
        if PROTOCOL not in websocket.scope.get("subprotocols", ()):
            await websocket.close(code=BAD_REQUEST, reason=f"use the {PROTOCOL} subprotocol")
            return
        origin = websocket.headers.get("origin")
        if origin and self.options.cors_origins and origin not in self.options.cors_origins:
            await websocket.close(code=FORBIDDEN, reason="origin not allowed")
            return
        await websocket.accept(subprotocol=PROTOCOL)
        session = _Session(self, websocket)
        try:
            await session.run()
        except _Closing as closing:
            with suppress(Exception):
                await websocket.close(code=closing.code, reason=closing.reason)
        except WebSocketDisconnect:
            pass
        finally:
            await session.cancel_all()


class _Session:
    """One connection: its context (from the upgrade request and connection_init) and its
    running operations by id."""

    def __init__(self, endpoint: GraphQLWebSocket, websocket: WebSocket) -> None:
        self.endpoint = endpoint
        self.websocket = websocket
        self.context_headers: Mapping[str, str] | None = None
        self.internal = False  # presented the service credential (connection_init or upgrade)
        self.operations: dict[str, asyncio.Task[None]] = {}
        self.send_lock = asyncio.Lock()

    async def run(self) -> None:
        try:
            async with asyncio.timeout(self.endpoint.options.websocket_init_timeout_seconds):
                await self._initialise(await self._receive())
        except TimeoutError as error:
            raise _Closing(INIT_TIMEOUT, "Connection initialisation timeout") from error
        while True:
            await self._dispatch(await self._receive())

    async def _receive(self) -> dict[str, Any]:
        text = await self.websocket.receive_text()
        if len(text) > self.endpoint.options.max_request_bytes:
            raise _Closing(BAD_REQUEST, "message too large")
        try:
            message = orjson.loads(text)
        except orjson.JSONDecodeError as error:
            raise _Closing(BAD_REQUEST, "invalid message: not JSON") from error
        if not isinstance(message, dict) or not isinstance(message.get("type"), str):
            raise _Closing(BAD_REQUEST, "invalid message: no type")
        return message

    async def _initialise(self, message: dict[str, Any]) -> None:
        if message["type"] != "connection_init":
            raise _Closing(UNAUTHORIZED, "Unauthorized")
        payload = message.get("payload")
        if payload is not None and not isinstance(payload, dict):
            raise _Closing(BAD_REQUEST, "invalid connection_init payload")
        headers = dict(self.websocket.headers)
        headers.update(_payload_headers(payload or {}))
        try:
            self.internal = self.endpoint.policy.is_internal(headers)
        except InvalidServiceCredential as error:
            raise _Closing(FORBIDDEN, "Forbidden") from error
        self.context_headers = headers
        await self._send({"type": "connection_ack"})

    async def _dispatch(self, message: dict[str, Any]) -> None:
        kind = message["type"]
        if kind == "ping":
            await self._send({"type": "pong"})
        elif kind == "pong":
            return
        elif kind == "connection_init":
            raise _Closing(TOO_MANY_INITS, "Too many initialisation requests")
        elif kind == "subscribe":
            await self._subscribe(message)
        elif kind == "complete":
            task = self.operations.pop(str(message.get("id")), None)
            if task is not None:
                task.cancel()
        else:
            raise _Closing(BAD_REQUEST, f"invalid message type {kind!r}")

    async def _subscribe(self, message: dict[str, Any]) -> None:
        operation_id = message.get("id")
        if not isinstance(operation_id, str) or not operation_id:
            raise _Closing(BAD_REQUEST, "invalid message: subscribe needs an id")
        if operation_id in self.operations:
            raise _Closing(DUPLICATE_ID, f"Subscriber for {operation_id} already exists")
        payload = message.get("payload")
        try:
            request = parse_post("application/json", orjson.dumps(payload))
        except HttpError as error:
            await self._send({"type": "error", "id": operation_id, "payload": error.body["errors"]})
            return
        if len(self.operations) >= MAX_OPERATIONS_PER_SOCKET:
            await self._send(
                {
                    "type": "error",
                    "id": operation_id,
                    "payload": [
                        error_entry(
                            f"at most {MAX_OPERATIONS_PER_SOCKET} operations per socket",
                            "TOO_MANY_OPERATIONS",
                        )
                    ],
                }
            )
            return
        assert self.context_headers is not None
        context = self.endpoint.policy.context_for(
            Headers(self.context_headers), request_id_from(self.context_headers)
        )
        task = asyncio.create_task(self._operate(operation_id, request, context))
        self.operations[operation_id] = task
        task.add_done_callback(lambda _: self.operations.pop(operation_id, None))

    async def _operate(self, operation_id: str, request: Any, context: RequestContext) -> None:
        bind_request_id(context.request_id)  # this operation's task: on its log lines
        outcome = self.endpoint.holder.current.stream(
            request, context, trusted_caller=self.internal, transport=PROTOCOL
        )
        try:
            if isinstance(outcome, dict):
                if "data" in outcome:
                    await self._send({"type": "next", "id": operation_id, "payload": outcome})
                else:
                    await self._send(
                        {"type": "error", "id": operation_id, "payload": outcome["errors"]}
                    )
                    return
            else:
                await self._forward(operation_id, outcome)
            await self._send({"type": "complete", "id": operation_id})
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("websocket operation %s failed", operation_id)
            with suppress(Exception):
                await self._send(
                    {
                        "type": "error",
                        "id": operation_id,
                        "payload": [error_entry("internal router error", "INTERNAL_SERVER_ERROR")],
                    }
                )

    async def _forward(self, operation_id: str, results: AsyncIterator[dict[str, Any]]) -> None:
        try:
            async for result in results:
                await self._send({"type": "next", "id": operation_id, "payload": result})
        finally:
            closer = getattr(results, "aclose", None)
            if closer is not None:
                await closer()

    async def _send(self, message: dict[str, Any]) -> None:
        async with self.send_lock:
            await self.websocket.send_text(orjson.dumps(message, default=str).decode())

    async def cancel_all(self) -> None:
        tasks = list(self.operations.values())
        for task in tasks:
            task.cancel()
        for task in tasks:
            with suppress(BaseException):
                await task


def _payload_headers(payload: Mapping[str, Any]) -> dict[str, str]:
    """The access token from connection_init: top-level or under `headers`, any case."""
    found: dict[str, str] = {}
    for source in (payload, payload.get("headers")):
        if not isinstance(source, Mapping):
            continue
        for name, value in source.items():
            if isinstance(name, str) and name.lower() == "authorization" and isinstance(value, str):
                found["authorization"] = value
    return found
