"""One HTTP server on loopback for every generated subgraph, so a run serves hundreds of
subgraph sets without starting hundreds of servers: `/<set>/<subgraph>/graphql` is that
subgraph's endpoint. Both gateways call the same URLs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from cmp.serving import RunningServer, start_server

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class SubgraphHost:
    def __init__(self) -> None:
        self.apps: dict[str, ASGIApp] = {}
        self.server: RunningServer | None = None
        # Prefixes whose exchanges are kept (reproductions): (subgraph, request, response).
        self.recordings: dict[str, list[tuple[str, bytes, bytes]]] = {}

    async def start(self) -> None:
        self.server = await start_server(self)

    async def stop(self) -> None:
        if self.server is not None:
            await self.server.stop()
            self.server = None

    def url(self, prefix: str, subgraph: str) -> str:
        assert self.server is not None, "start the host first"
        return f"{self.server.url}/{prefix}/{subgraph}/graphql"

    def mount(self, prefix: str, subgraph: str, app: ASGIApp) -> None:
        self.apps[f"{prefix}/{subgraph}"] = app

    def unmount(self, prefix: str) -> None:
        for key in [k for k in self.apps if k.startswith(f"{prefix}/")]:
            del self.apps[key]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        parts = scope["path"].strip("/").split("/")
        app = self.apps.get("/".join(parts[:2])) if len(parts) == 3 else None
        if app is None or parts[2] != "graphql":
            await send({"type": "http.response.start", "status": 404, "headers": []})
            await send({"type": "http.response.body", "body": b"no such subgraph"})
            return
        inner = {**scope, "path": "/graphql", "raw_path": b"/graphql"}
        recording = self.recordings.get(parts[0])
        if recording is None:
            await app(inner, receive, send)
            return
        request, response = bytearray(), bytearray()

        async def receive_and_keep() -> MutableMapping[str, Any]:
            message = await receive()
            request.extend(message.get("body", b""))
            return message

        async def send_and_keep(message: MutableMapping[str, Any]) -> None:
            response.extend(message.get("body", b""))
            await send(message)

        await app(inner, receive_and_keep, send_and_keep)
        recording.append((parts[1], bytes(request), bytes(response)))
