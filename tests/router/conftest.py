"""Fixture subgraph stacks served over real HTTP on loopback (once per session) and routers
pointed at them. Each test gets the stack with recorded requests and failure modes reset."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from graphql import parse

from bench.support import shop
from bench.support.fixture_subgraph import FixtureSubgraph
from cmp.serving import RunningServer, start_server
from router.pipeline import GraphQLRequest, Router, RouterConfig
from router.planner import QueryPlan
from router.planner.normalize import normalize_operation
from router.supergraph import Supergraph, load_supergraph
from tests.router.fixtures import abstract, override, requires_args, shareable
from tests.router.fixtures.compose import supergraph_path


@dataclass
class Stack:
    name: str
    supergraph: Supergraph
    subgraphs: dict[str, FixtureSubgraph]
    servers: dict[str, RunningServer]
    router: Router
    mutation_log: list[str] = field(default_factory=list)

    @property
    def urls(self) -> dict[str, str]:
        return {name: f"{server.url}/graphql" for name, server in self.servers.items()}

    def reset(self) -> None:
        for subgraph in self.subgraphs.values():
            subgraph.requests.clear()
            subgraph.headers.clear()
            subgraph.response_headers.clear()
            subgraph.failure = None
            subgraph.delay_seconds = 0.0
        self.mutation_log.clear()

    def router_with(self, **config: Any) -> Router:
        urls = {**self.urls, **config.pop("subgraph_urls", {})}
        return Router(self.supergraph, RouterConfig(subgraph_urls=urls, **config))

    async def query(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        operation_name: str | None = None,
        router: Router | None = None,
    ) -> dict[str, Any]:
        return await (router or self.router).handle(
            GraphQLRequest(query, operation_name, variables or {})
        )

    def plan(self, query: str, labels: frozenset[str] = frozenset()) -> QueryPlan:
        operation = normalize_operation(self.supergraph.api_schema, parse(query))
        return self.router.plans.planner.plan(operation, labels)

    def requests_to(self, name: str) -> list[dict[str, Any]]:
        return self.subgraphs[name].requests


async def _start(name: str, build: Callable[[], list[FixtureSubgraph]]) -> Stack:
    supergraph = load_supergraph(supergraph_path(name).read_text())
    subgraphs = {s.name: s for s in build()}
    servers = {n: await start_server(s.app()) for n, s in subgraphs.items()}
    urls = {n: f"{server.url}/graphql" for n, server in servers.items()}
    router = Router(supergraph, RouterConfig(subgraph_urls=urls))
    return Stack(name, supergraph, subgraphs, servers, router)


async def _stop(stack: Stack) -> None:
    await stack.router.close()
    for server in stack.servers.values():
        await server.stop()


@pytest.fixture(scope="session")
async def shop_session() -> AsyncIterator[Stack]:
    log: list[str] = []
    stack = await _start("shop", lambda: shop.build(log))
    stack.mutation_log = log
    yield stack
    await _stop(stack)


@pytest.fixture(scope="session")
async def abstract_session() -> AsyncIterator[Stack]:
    stack = await _start("abstract", abstract.build)
    yield stack
    await _stop(stack)


@pytest.fixture(scope="session")
async def override_session() -> AsyncIterator[Stack]:
    stack = await _start("override", override.build)
    yield stack
    await _stop(stack)


@pytest.fixture(scope="session")
async def shareable_session() -> AsyncIterator[Stack]:
    stack = await _start("shareable", shareable.build)
    yield stack
    await _stop(stack)


@pytest.fixture(scope="session")
async def requires_args_session() -> AsyncIterator[Stack]:
    stack = await _start("requires_args", requires_args.build)
    yield stack
    await _stop(stack)


@pytest.fixture
def shop_stack(shop_session: Stack) -> Stack:
    shop_session.reset()
    return shop_session


@pytest.fixture
def abstract_stack(abstract_session: Stack) -> Stack:
    abstract_session.reset()
    return abstract_session


@pytest.fixture
def override_stack(override_session: Stack) -> Stack:
    override_session.reset()
    return override_session


@pytest.fixture
def shareable_stack(shareable_session: Stack) -> Stack:
    shareable_session.reset()
    return shareable_session


@pytest.fixture
def requires_args_stack(requires_args_session: Stack) -> Stack:
    requires_args_session.reset()
    return requires_args_session
