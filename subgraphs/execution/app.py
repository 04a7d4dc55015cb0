"""The execution ASGI app. With `run_worker=True` (the dev stack) a worker runs in-process."""

from __future__ import annotations

import asyncio

import httpx
from fastapi import FastAPI

from kernel.settings import ExecutionSettings
from subgraphs.common.app import Resources, create_subgraph_app
from subgraphs.execution.context import ExecutionResources, make_context
from subgraphs.execution.run_events import RunEvents
from subgraphs.execution.schema import schema
from subgraphs.execution.services import build_runtime, build_services
from subgraphs.execution.worker import Worker


class BackgroundWorker:
    """Owns an in-process worker's task; closed with the app (ExecutionResources)."""

    def __init__(self, worker: Worker) -> None:
        self.stop = asyncio.Event()
        self.worker = worker
        self.task = asyncio.create_task(worker.run_forever(self.stop))

    async def aclose(self) -> None:
        self.stop.set()
        await self.task
        await self.worker.runtime.aclose()


def create_app(
    settings: ExecutionSettings | None = None,
    http_transport: httpx.AsyncBaseTransport | None = None,
    run_worker: bool = False,
) -> FastAPI:
    chosen = settings or ExecutionSettings()

    async def start(base: Resources[ExecutionSettings]) -> ExecutionResources:
        services = build_services(chosen, base.db, http_transport)
        await services.connect()
        worker = BackgroundWorker(Worker(services, build_runtime(chosen))) if run_worker else None
        return ExecutionResources(
            **base.shared_fields(),
            services=services,
            run_events=RunEvents(chosen.database_url),
            worker=worker,
        )

    return create_subgraph_app(
        "execution", schema, chosen, start, make_context, http_transport=http_transport
    )
