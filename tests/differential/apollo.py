"""Apollo's composition, planner and gateway in one long-lived Node process
(tools/apollo/differential.mjs), spoken to over its stdin/stdout, many requests at once."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import shlex
from typing import Any

from bench.support.apollo import APOLLO_TOOLS, ensure_node_modules

SCRIPT = APOLLO_TOOLS / "differential.mjs"


class ApolloError(Exception):
    pass


class ApolloProcess:
    def __init__(self) -> None:
        self._process: asyncio.subprocess.Process | None = None
        self._reader: asyncio.Task[None] | None = None
        self._pending: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._ids = itertools.count()

    async def start(self) -> None:
        ensure_node_modules()
        self._process = await asyncio.create_subprocess_exec(
            "node",
            # e.g. "--cpu-prof --cpu-prof-dir=/tmp/profile" to see where Apollo spends its time
            *shlex.split(os.environ.get("DIFFERENTIAL_NODE_ARGS", "")),
            str(SCRIPT),
            cwd=APOLLO_TOOLS,
            env={**os.environ, "APOLLO_TELEMETRY_DISABLED": "true"},  # no reporting to Apollo
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            limit=256 * 1024 * 1024,  # one line per answer; supergraphs and bodies are long
        )
        self._reader = asyncio.create_task(self._read())

    async def stop(self) -> None:
        process = self._process
        if process is None:
            return
        self._process = None
        assert process.stdin is not None
        process.stdin.close()
        try:
            await asyncio.wait_for(process.wait(), 10)
        except TimeoutError:
            process.kill()
            await process.wait()
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader

    async def _read(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        stdout = self._process.stdout
        while line := await stdout.readline():
            answer = json.loads(line)
            future = self._pending.pop(answer.get("id"), None)
            if future is not None and not future.done():
                future.set_result(answer)
        for future in self._pending.values():
            if not future.done():
                future.set_exception(ApolloError("the Apollo process exited"))
        self._pending.clear()

    async def call(self, command: str, **arguments: Any) -> dict[str, Any]:
        assert self._process is not None and self._process.stdin is not None, "not started"
        identifier = next(self._ids)
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._pending[identifier] = future
        line = json.dumps({"id": identifier, "cmd": command, **arguments}) + "\n"
        self._process.stdin.write(line.encode())
        await self._process.stdin.drain()
        return await future

    async def compose(self, subgraphs: list[dict[str, str]]) -> dict[str, Any]:
        return await self.call("compose", subgraphs=subgraphs)

    async def load(self, gateway: str, supergraph: str) -> None:
        answer = await self.call("load", gateway=gateway, supergraph=supergraph)
        if "error" in answer:
            raise ApolloError(answer["error"])

    async def execute(
        self, gateway: str, query: str, variables: dict[str, Any], operation_name: str | None
    ) -> dict[str, Any]:
        answer = await self.call(
            "execute",
            gateway=gateway,
            query=query,
            variables=variables,
            operationName=operation_name,
        )
        if "error" in answer:
            raise ApolloError(answer["error"])
        body: dict[str, Any] = answer["body"]
        return body

    async def plan(self, supergraph: str, query: str, operation_name: str | None) -> str:
        answer = await self.call(
            "plan", supergraph=supergraph, query=query, operationName=operation_name
        )
        return str(answer.get("pretty") or f"(Apollo could not plan: {answer.get('error')})")

    async def unload(self, gateway: str) -> None:
        await self.call("unload", gateway=gateway)
