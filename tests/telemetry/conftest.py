"""A second stack — router, the three subgraphs, a worker, the Langflow and Saleor fakes — built
with tracing on and every span kept in memory (OpenTelemetry's InMemorySpanExporter), on the
session's database. Tracing is switched back off when the module's tests are done."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from cmp.serving import RunningServer
from kernel import telemetry
from kernel.auth.dev_issuer import DevIssuer
from kernel.database import Database
from subgraphs.execution.runtimes.langflow import LangflowRuntime
from subgraphs.execution.services import build_services
from subgraphs.execution.worker import Worker
from tests.conftest import GraphQLPost, Stack, serve_router, serve_stack
from tests.fakes.langflow.app import API_KEY as LANGFLOW_API_KEY
from tests.subgraphs.execution.conftest import ExecutionWorld
from tests.support.users import new_user


@dataclass
class Traced:
    stack: Stack
    router: RunningServer
    world: ExecutionWorld  # every call through the traced router
    exporter: InMemorySpanExporter

    def spans(self) -> list[ReadableSpan]:
        return list(self.exporter.get_finished_spans())


@pytest.fixture(scope="module")
def exporter() -> Iterator[InMemorySpanExporter]:
    memory = InMemorySpanExporter()
    telemetry.use_exporter(memory)
    try:
        yield memory
    finally:
        telemetry.reset()


@pytest.fixture(scope="module")
async def traced(
    exporter: InMemorySpanExporter,
    database_url: str,
    dev_issuer: DevIssuer,
    dev_issuer_key_file: Path,
    gql: GraphQLPost,
) -> AsyncIterator[Traced]:
    async with (
        serve_stack(database_url, dev_issuer_key_file) as stack,
        serve_router(stack) as router,
    ):
        staff = new_user(dev_issuer, "staff", staff=True)
        world = ExecutionWorld(stack, gql, dev_issuer, staff, via=f"{router.url}/graphql")
        settings = stack.execution_settings.model_copy(update={"worker_concurrency": 2})
        db = Database(settings.database_url, pool_size=4)
        services = build_services(settings, db)
        await services.connect()
        runtime = LangflowRuntime(settings.langflow_url, LANGFLOW_API_KEY, timeout_seconds=30)
        stop = asyncio.Event()
        worker = asyncio.create_task(Worker(services, runtime).run_forever(stop))
        try:
            yield Traced(stack, router, world, exporter)
        finally:
            stop.set()
            await worker
            await runtime.aclose()
            await services.aclose()
            await db.dispose()
