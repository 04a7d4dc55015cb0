"""Running ASGI apps on uvicorn inside an existing event loop: several per process (the dev
stack) or per test session (the test fixtures)."""

from __future__ import annotations

import asyncio
import socket
from dataclasses import dataclass
from typing import Any

import uvicorn

from cmp.ports import check_port_free

# After SIGTERM, requests in flight get this long to finish before uvicorn closes them: a stop
# never waits on a hung request for long. Kubernetes' terminationGracePeriodSeconds for our
# HTTP services is sized from it (deploy/kubernetes, tests/test_kubernetes.py).
GRACEFUL_SHUTDOWN_SECONDS = 5


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class RunningServer:
    server: uvicorn.Server
    task: asyncio.Task[None]
    host: str
    port: int

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    async def stop(self) -> None:
        self.server.should_exit = True
        await self.task


async def start_server(
    app: Any,
    host: str = "127.0.0.1",
    port: int | None = None,
    log_level: str = "warning",
    sock: socket.socket | None = None,
    websockets: bool = True,
    access_log: bool = True,
) -> RunningServer:
    """Start serving and return once the app's lifespan has run and the socket listens
    (`sock`: an already listening socket, e.g. shared by several worker processes;
    `access_log`: uvicorn's line per HTTP request)."""
    chosen = sock.getsockname()[1] if sock is not None else (port or free_port(host))
    if sock is None:
        check_port_free(host, chosen)  # else uvicorn logs the error and exits the process
    # Keep-alive longer than clients' idle pools (httpx: 5 s) so a reused connection is never
    # one the server is closing at that moment.
    config = uvicorn.Config(
        app,
        host=host,
        port=chosen,
        log_level=log_level,
        lifespan="on",
        timeout_keep_alive=75,
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
        # "none": an app without websockets need not load uvicorn's websockets protocols.
        ws="auto" if websockets else "none",
        # Records go to the root logger, formatted by kernel.logs (ids on every line)
        # when a command configured it; uvicorn installs no handlers of its own.
        log_config=None,
        # `cmp dev` leaves out uvicorn's line per hop: the router logs each request once.
        access_log=access_log,
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=[sock] if sock is not None else None))
    while not server.started:
        if task.done():
            task.result()  # re-raises why it could not start
            raise RuntimeError(f"server on {host}:{chosen} stopped during startup")
        await asyncio.sleep(0.01)
    return RunningServer(server, task, host, chosen)
