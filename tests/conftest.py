"""Session fixtures: a fresh PostgreSQL database, the development token issuer, and the
subgraphs served by uvicorn on loopback ports — the same HTTP path the router uses."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from cmp.serving import RunningServer, free_port, start_server
from kernel.auth.dev_issuer import DevIssuer
from kernel.database import Database
from kernel.settings import BillingSettings, ControlPlaneSettings, ExecutionSettings
from router.http.app import create_app as create_router_app
from router.pipeline import Router
from router.pipeline.service import RouterConfig
from subgraphs.billing.app import create_app as create_billing_app
from subgraphs.control_plane.app import create_app as create_control_plane_app
from subgraphs.execution.app import create_app as create_execution_app
from subgraphs.execution.runtimes.langflow import LangflowRuntime
from subgraphs.execution.services import build_services
from subgraphs.execution.worker import Worker
from tests.fakes.langflow.app import API_KEY as LANGFLOW_API_KEY
from tests.fakes.langflow.app import FakeLangflow
from tests.fakes.saleor.app import create_app as create_saleor_app
from tests.support.database import fresh_database, server_url
from tests.support.graphql_client import GraphQLPost as GraphQLPost  # re-exported for tests
from tests.support.graphql_client import graphql_poster

SERVICE_TOKEN = "test-service-token-not-for-browsers"
SALEOR_APP_TOKEN = "test-saleor-app-token"
SUPERGRAPH_SDL = (
    Path(__file__).resolve().parent.parent / "schema" / "supergraph.graphql"
).read_text()


# Markers (registered in pyproject.toml) given by what a test needs, so no file has to
# remember them: Chromium through the `browser_page` fixture; Node.js for Apollo's reference
# implementations (their fixtures, or a test named for a comparison with Apollo) and the
# storefront. Both are slow too, so `-m "not slow"` is the inner loop.
BROWSER_FIXTURES = {"browser_page"}
NODE_FIXTURES = {"apollo_results", "differential", "storefront_build"}
NODE_PATHS = (
    "tests/differential/",
    "tests/storefront/",
    "tests/browser/storefront/",
    "tests/router/planner/test_apollo_differential.py",
    "tests/router/test_fixture_composition.py",
)
ROOT = Path(__file__).resolve().parent.parent
TOOLCHAIN_TIMEOUT_SECONDS = 900  # browser and node tests; every other test: pyproject's 300


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        path = item.path.relative_to(ROOT).as_posix()
        needs: set[str] = set()
        if fixtures & BROWSER_FIXTURES:
            needs.add("browser")
        if fixtures & NODE_FIXTURES or path.startswith(NODE_PATHS) or "apollo" in item.name:
            needs.add("node")
        for marker in sorted(needs):
            item.add_marker(marker)
        if needs and item.get_closest_marker("slow") is None:
            item.add_marker("slow")
        # Their session fixtures build or start a toolchain (next build, Apollo's composition
        # of every fixture set) inside the first test's time.
        if needs and item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(TOOLCHAIN_TIMEOUT_SECONDS))


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with server_url(tmp_path_factory.mktemp("postgres")) as server, fresh_database(server) as url:
        yield url


@pytest.fixture(scope="session")
def dev_issuer_key_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("issuer") / "dev-issuer.pem"


@pytest.fixture(scope="session")
def dev_issuer(dev_issuer_key_file: Path) -> DevIssuer:
    return DevIssuer.load_or_create(dev_issuer_key_file)


@pytest.fixture(scope="session")
def service_token() -> str:
    return SERVICE_TOKEN


@dataclass
class Stack:
    control_plane: RunningServer
    billing: RunningServer
    execution: RunningServer
    langflow: RunningServer
    fake_langflow: FakeLangflow
    saleor: RunningServer
    saleor_app: Starlette
    execution_settings: ExecutionSettings
    control_plane_db: Database
    billing_db: Database
    execution_db: Database

    @property
    def control_plane_url(self) -> str:
        return f"{self.control_plane.url}/graphql"

    @property
    def billing_url(self) -> str:
        return f"{self.billing.url}/graphql"

    @property
    def execution_url(self) -> str:
        return f"{self.execution.url}/graphql"

    @property
    def saleor_url(self) -> str:
        return f"{self.saleor.url}/graphql/"

    @property
    def subgraph_urls(self) -> dict[str, str]:
        """Where the router finds each subgraph of schema/supergraph.graphql in this session."""
        return {
            "control-plane": self.control_plane_url,
            "billing": self.billing_url,
            "execution": self.execution_url,
            "saleor": self.saleor_url,
        }


@pytest.fixture(scope="session")
async def stack(
    database_url: str, dev_issuer: DevIssuer, dev_issuer_key_file: Path
) -> AsyncIterator[Stack]:
    async with serve_stack(database_url, dev_issuer_key_file) as served:
        yield served


@asynccontextmanager
async def serve_stack(database_url: str, dev_issuer_key_file: Path) -> AsyncIterator[Stack]:
    """The subgraphs and fakes on loopback ports (the session's `stack`; tests/telemetry starts
    a second one with tracing on)."""
    saleor_app = create_saleor_app()
    saleor = await start_server(saleor_app)
    common: dict[str, Any] = {
        "database_url": database_url,
        "service_token": SERVICE_TOKEN,
        "environment": "development",
        "dev_issuer_key_file": dev_issuer_key_file,
        # The Saleor fake stands in for Saleor: its tokens are trusted, its orders are read.
        "saleor_api_url": f"{saleor.url}/graphql/",
        "database_pool_size": 8,
    }
    # Ports first: control-plane and billing call each other.
    control_plane_port, billing_port = free_port(), free_port()
    control_plane_url = f"http://127.0.0.1:{control_plane_port}/graphql"
    billing_url = f"http://127.0.0.1:{billing_port}/graphql"
    control_plane = await start_server(
        create_control_plane_app(
            ControlPlaneSettings(
                **common, billing_url=billing_url, saleor_app_token=SALEOR_APP_TOKEN
            )
        ),
        port=control_plane_port,
    )
    billing = await start_server(
        create_billing_app(BillingSettings(**common, control_plane_url=control_plane_url)),
        port=billing_port,
    )
    fake_langflow = FakeLangflow()
    langflow = await start_server(fake_langflow.app)
    execution_settings = ExecutionSettings(
        **common,
        control_plane_url=control_plane_url,
        billing_url=billing_url,
        langflow_url=langflow.url,
        langflow_api_key=LANGFLOW_API_KEY,
        run_lease_seconds=2.0,
        worker_poll_seconds=0.05,
    )
    # Tests run workers themselves (fixtures in tests/subgraphs/execution), not in-process here.
    execution = await start_server(create_execution_app(execution_settings))
    dbs = [Database(database_url, pool_size=2) for _ in range(3)]
    try:
        yield Stack(
            control_plane,
            billing,
            execution,
            langflow,
            fake_langflow,
            saleor,
            saleor_app,
            execution_settings,
            *dbs,
        )
    finally:
        for db in dbs:
            await db.dispose()
        for server in (execution, langflow, billing, control_plane, saleor):
            await server.stop()


@pytest.fixture(scope="session")
async def router(stack: Stack) -> AsyncIterator[RunningServer]:
    """Our router serving schema/supergraph.graphql in front of this session's subgraphs."""
    async with serve_router(stack) as server:
        yield server


@asynccontextmanager
async def serve_router(stack: Stack) -> AsyncIterator[RunningServer]:
    engine = Router.from_sdl(
        SUPERGRAPH_SDL,
        RouterConfig(subgraph_urls=stack.subgraph_urls, service_token=SERVICE_TOKEN),
    )
    server = await start_server(create_router_app(engine))
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture(scope="session")
async def http() -> AsyncIterator[httpx.AsyncClient]:
    # A small keep-alive pool: httpcore scans it per request, and idle sockets expire early.
    limits = httpx.Limits(max_connections=300, max_keepalive_connections=20, keepalive_expiry=2)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        yield client


@pytest.fixture(scope="session")
def gql(http: httpx.AsyncClient) -> GraphQLPost:
    """POST a GraphQL document; return the JSON body whatever the status (tests assert it)."""
    return graphql_poster(lambda: http, SERVICE_TOKEN)


WorkerFactory = Callable[..., Awaitable[Worker]]


@pytest.fixture
async def workers(stack: Stack) -> AsyncIterator[WorkerFactory]:
    """Start in-process workers against the test stack; all are stopped after the test.
    The Langflow adapter's options (timeout, attempts, stream, another Langflow) and any
    execution setting are the test's to choose:
    `await workers(concurrency=2, timeout_seconds=0.5, run_lease_seconds=0.5)`."""
    running: list[tuple[asyncio.Event, asyncio.Task[None], Any]] = []

    async def start(
        concurrency: int = 4,
        timeout_seconds: float = 30.0,
        attempts: int = 3,
        langflow: tuple[str, str] | None = None,  # (url, api key) of another Langflow
        stream: bool = True,
        **overrides: Any,
    ) -> Worker:
        settings = stack.execution_settings.model_copy(
            update={"worker_concurrency": concurrency, **overrides}
        )
        db = Database(settings.database_url, pool_size=concurrency + 2)
        services = build_services(settings, db)
        await services.connect()
        url, key = langflow or (settings.langflow_url, LANGFLOW_API_KEY)
        runtime = LangflowRuntime(
            url,
            key,
            timeout_seconds=timeout_seconds,
            attempts=attempts,
            backoff_seconds=0.01,
            stream=stream,
        )
        worker = Worker(services, runtime)
        stop = asyncio.Event()
        task = asyncio.create_task(worker.run_forever(stop))

        async def close() -> None:
            await runtime.aclose()
            await services.aclose()
            await db.dispose()

        running.append((stop, task, close))
        return worker

    yield start
    for stop, task, close in running:
        stop.set()
        await task
        await close()
