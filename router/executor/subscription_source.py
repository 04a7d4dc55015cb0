"""The router's side of a subgraph subscription: one WebSocket per client subscription speaking
`graphql-transport-ws` (the protocol Strawberry, Apollo Server and Apollo Router use between
router and subgraph). Yields every `next` payload; ends on `complete`; raises `FetchFailure`
when the subgraph cannot be reached, refuses, or closes the socket early. The caller's headers go
on the upgrade request and, for servers that read them from there, in `connection_init`."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Mapping
from typing import TYPE_CHECKING, Any

import orjson

from router.executor.transport import FetchFailure

if TYPE_CHECKING:  # aiohttp loads with the first subscription, not with the router
    import aiohttp

PROTOCOL = "graphql-transport-ws"


class SubscriptionSource:
    """Opens subgraph subscriptions; one shared aiohttp session for all of them."""

    def __init__(self, connect_timeout_seconds: float = 10.0, heartbeat_seconds: float = 20.0):
        self.connect_timeout_seconds = connect_timeout_seconds
        self.heartbeat_seconds = heartbeat_seconds
        self._session: aiohttp.ClientSession | None = None

    def _client(self) -> aiohttp.ClientSession:
        import aiohttp

        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(json_serialize=lambda v: orjson.dumps(v).decode())
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def events(
        self, url: str, body: Mapping[str, Any], headers: Mapping[str, str]
    ) -> AsyncIterator[dict[str, Any]]:
        import aiohttp

        try:
            socket = await self._client().ws_connect(
                url,
                protocols=(PROTOCOL,),
                headers=dict(headers),
                timeout=aiohttp.ClientWSTimeout(ws_close=5.0),
                heartbeat=self.heartbeat_seconds,
                max_msg_size=64 * 1024 * 1024,
            )
        except (TimeoutError, aiohttp.ClientError, OSError) as error:
            raise FetchFailure(f"could not open a subscription: {error}") from error
        try:
            await self._handshake(socket, headers)
            operation_id = uuid.uuid4().hex
            await socket.send_str(
                orjson.dumps({"id": operation_id, "type": "subscribe", "payload": body}).decode()
            )
            async for payload in self._messages(socket, operation_id):
                yield payload
        finally:
            if not socket.closed:
                await socket.close()

    async def _handshake(
        self, socket: aiohttp.ClientWebSocketResponse, headers: Mapping[str, str]
    ) -> None:
        init = {"type": "connection_init", "payload": {"headers": dict(headers), **headers}}
        await socket.send_str(orjson.dumps(init).decode())
        try:
            async with asyncio.timeout(self.connect_timeout_seconds):
                while True:
                    message = await self._receive(socket)
                    if message.get("type") == "connection_ack":
                        return
                    if message.get("type") == "ping":
                        await socket.send_str('{"type":"pong"}')
        except TimeoutError as error:
            raise FetchFailure("the subgraph did not acknowledge the subscription") from error

    async def _messages(
        self, socket: aiohttp.ClientWebSocketResponse, operation_id: str
    ) -> AsyncIterator[dict[str, Any]]:
        while True:
            message = await self._receive(socket)
            kind = message.get("type")
            if kind == "ping":
                await socket.send_str('{"type":"pong"}')
            elif message.get("id") != operation_id:
                continue
            elif kind == "next":
                payload = message.get("payload")
                if isinstance(payload, dict):
                    yield payload
            elif kind == "error":
                errors = message.get("payload")
                yield {"data": None, "errors": errors if isinstance(errors, list) else []}
                return
            elif kind == "complete":
                return

    async def _receive(self, socket: aiohttp.ClientWebSocketResponse) -> dict[str, Any]:
        import aiohttp

        frame = await socket.receive()
        if frame.type in (aiohttp.WSMsgType.TEXT, aiohttp.WSMsgType.BINARY):
            try:
                message = orjson.loads(frame.data)
            except orjson.JSONDecodeError as error:
                raise FetchFailure("the subgraph sent a malformed subscription message") from error
            if isinstance(message, dict):
                return message
            raise FetchFailure("the subgraph sent a malformed subscription message")
        code = socket.close_code
        raise FetchFailure(f"the subgraph closed the subscription (code {code})")
