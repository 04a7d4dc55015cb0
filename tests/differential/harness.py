"""Runs seeded cases: a case seed names one operation of one generated subgraph set (world
`seed // OPERATIONS_PER_WORLD`, operation `seed % OPERATIONS_PER_WORLD`). A world is composed
by Apollo, served by the subgraph host, and all its operations go at once through our router
(in process, over real HTTP to the subgraphs) and through @apollo/gateway (in the Node process,
over real HTTP to the same subgraphs); the oracle says what the answer should be."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any, Literal

from graphql import build_schema

from bench.support.fixture_subgraph import FixtureSubgraph
from router.executor import RequestContext, SubgraphTransport
from router.pipeline import GraphQLRequest, Router, RouterConfig
from router.supergraph import load_supergraph
from tests.differential.apollo import ApolloError, ApolloProcess
from tests.differential.generate import generate_world
from tests.differential.host import SubgraphHost
from tests.differential.model import World
from tests.differential.operations import Operation, generate_operations
from tests.differential.oracle import Answer, Oracle
from tests.differential.subgraphs import build_subgraphs

OPERATIONS_PER_WORLD = 10
CI_SEEDS = range(0, 520)  # the seeds CI runs (tests/differential/test_differential.py)
OPERATION_TIMEOUT_SECONDS = 60.0

Status = Literal["compared", "refused", "no-operation"]
Verdict = Literal["agree", "ours-wrong", "apollo-wrong", "both-wrong", "disagree"]


def world_of(seed: int) -> tuple[int, int]:
    return divmod(seed, OPERATIONS_PER_WORLD)


def apollo_answer(body: dict[str, Any]) -> Answer:
    """@apollo/gateway reports a null in a non-null field (value completion) under
    extensions.valueCompletion rather than errors: the same fact, so it counts as an error."""
    errors = list(body.get("errors") or [])
    errors += (body.get("extensions") or {}).get("valueCompletion") or []
    return Answer(body.get("data"), errors)


def error_kind(answer: Answer) -> str:
    """The first error's message with names and numbers masked: what kind of failure it is."""
    if not answer.errors:
        return ""
    message = str(answer.errors[0].get("message", ""))
    message = re.sub(r"'[^']*'|\"[^\"]*\"", "'_'", message)
    message = re.sub(r"\b[A-Z]\w*\.\w+", "T.f", message)
    message = re.sub(r"subgraph \w+", "subgraph S", message)
    return re.sub(r"\d+", "0", message)[:60]


def same(a: Answer, b: Answer) -> bool:
    """The suite's measure of agreement: identical data and the same presence of errors."""
    return a.data == b.data and bool(a.errors) == bool(b.errors)


@dataclass
class Case:
    seed: int
    world: World
    status: Status
    prefix: str = ""  # the subgraph host's path prefix (the supergraph's URLs name it)
    supergraph: str = ""
    api_schema: str = ""
    subgraph_sdls: dict[str, str] = field(default_factory=dict)
    refusal: list[dict[str, Any]] = field(default_factory=list)
    operation: Operation | None = None
    ours: Answer | None = None
    apollo: Answer | None = None
    expected: Answer | None = None

    @property
    def agrees(self) -> bool:
        assert self.ours is not None and self.apollo is not None
        return same(self.ours, self.apollo)

    @property
    def verdict(self) -> Verdict:
        assert self.ours is not None and self.apollo is not None and self.expected is not None
        ours_right = same(self.ours, self.expected)
        apollo_right = same(self.apollo, self.expected)
        if self.agrees:
            return "agree"
        if apollo_right and not ours_right:
            return "ours-wrong"
        if ours_right and not apollo_right:
            return "apollo-wrong"
        if not ours_right and not apollo_right:
            return "both-wrong"
        return "disagree"  # both match the oracle's data, differ on errors: cannot happen


@dataclass
class Replay:
    harness: Harness
    case: Case
    router: Router | None
    refused: str
    gateway: str
    recording: list[tuple[str, bytes, bytes]]

    async def answers(self, operation: Operation) -> tuple[Answer, Answer, Answer]:
        """(ours, Apollo's, expected) for an operation on this case's world."""
        ours, theirs = await self.harness._both(self.router, self.refused, self.gateway, operation)
        oracle = Oracle(self.case.world, self.case.api_schema)
        expected = oracle.answer(operation.query, operation.variables, operation.operation_name)
        return ours, theirs, expected

    async def trace(self, operation: Operation) -> Trace:
        our_plan = self.refused
        if self.router is not None:
            request = GraphQLRequest(operation.query, operation.operation_name, operation.variables)
            try:
                planned = await self.router.handle(request, RequestContext(plan_only=True))
            except Exception as error:  # a crash is what the reproduction must show
                planned = {"errors": [{"message": f"our router raised {error!r}"}]}
            extensions = planned.get("extensions") or {}
            our_plan = extensions.get("apolloQueryPlan", {}).get("text") or json.dumps(
                planned.get("errors")
            )
        self.recording.clear()
        await self.harness._ours(self.router, self.refused, operation)
        our_fetches = list(self.recording)
        self.recording.clear()
        await self.harness._apollo(self.gateway, operation)
        apollo_fetches = list(self.recording)
        apollo_plan = await self.harness.apollo.plan(
            self.case.supergraph, operation.query, operation.operation_name
        )
        return Trace(our_plan, apollo_plan, our_fetches, apollo_fetches)


@dataclass
class Trace:
    our_plan: str
    apollo_plan: str
    our_fetches: list[tuple[str, bytes, bytes]]  # (subgraph, request body, response body)
    apollo_fetches: list[tuple[str, bytes, bytes]]


class Harness:
    """Start once, ask for cases in any order; each world runs once and is cached."""

    def __init__(self, keep_worlds: int = 64) -> None:
        self.host = SubgraphHost()
        self.apollo = ApolloProcess()
        self.transport = SubgraphTransport(OPERATION_TIMEOUT_SECONDS)
        self._worlds: dict[int, asyncio.Future[list[Case]]] = {}
        self._keep = keep_worlds
        self._run = itertools.count()

    async def start(self) -> None:
        await self.host.start()
        await self.apollo.start()

    async def stop(self) -> None:
        for pending in self._worlds.values():
            pending.cancel()
        await asyncio.gather(*self._worlds.values(), return_exceptions=True)
        await self.apollo.stop()
        await self.transport.close()
        await self.host.stop()

    async def case(self, seed: int, prefetch: bool = False) -> Case:
        world_seed, index = world_of(seed)
        ahead = world_seed + 1 if prefetch else None
        return (await self.world_cases(world_seed, ahead))[index]

    async def world_cases(self, world_seed: int, prefetch: int | None = None) -> list[Case]:
        """The cases of one world; `prefetch`: start that world too, so that Node (Apollo)
        and Python (our router, the subgraphs) work at the same time."""
        task = self._start_world(world_seed)
        if prefetch is not None:
            self._start_world(prefetch)
        return await task

    def _start_world(self, world_seed: int) -> asyncio.Future[list[Case]]:
        if world_seed not in self._worlds:
            while len(self._worlds) >= self._keep:
                oldest = next(iter(self._worlds))
                if not self._worlds[oldest].done():
                    break
                del self._worlds[oldest]
            self._worlds[world_seed] = asyncio.ensure_future(self._run_world(world_seed))
        return self._worlds[world_seed]

    async def _run_world(self, world_seed: int) -> list[Case]:
        world = generate_world(world_seed)
        fixtures = build_subgraphs(world)
        prefix = f"w{world_seed}-{next(self._run)}"
        for fixture in fixtures:
            self.host.mount(prefix, fixture.name, fixture.app())
        try:
            return await self._compare_world(world, fixtures, prefix)
        finally:
            self.host.unmount(prefix)

    def _cases(self, world: World, status: Status, **facts: Any) -> list[Case]:
        first = world.seed * OPERATIONS_PER_WORLD
        return [Case(first + i, world, status, **facts) for i in range(OPERATIONS_PER_WORLD)]

    async def _compare_world(
        self, world: World, fixtures: list[FixtureSubgraph], prefix: str
    ) -> list[Case]:
        sdls = {f.name: f.federation_sdl for f in fixtures}
        composed = await self.apollo.compose(
            [
                {"name": f.name, "url": self.host.url(prefix, f.name), "sdl": sdl}
                for f, sdl in zip(fixtures, sdls.values(), strict=True)
            ]
        )
        if "errors" in composed or "error" in composed:
            refusal = composed.get("errors") or [{"code": None, "message": composed["error"]}]
            return self._cases(world, "refused", prefix=prefix, subgraph_sdls=sdls, refusal=refusal)
        supergraph: str = composed["supergraph"]
        schema = build_schema(composed["apiSchema"])
        operations = generate_operations(
            world, schema, f"operations-{world.seed}", OPERATIONS_PER_WORLD
        )
        cases = self._cases(
            world,
            "no-operation",
            prefix=prefix,
            supergraph=supergraph,
            api_schema=composed["apiSchema"],
            subgraph_sdls=sdls,
        )
        oracle = Oracle(world, composed["apiSchema"])
        router, refused = self._our_router(supergraph)
        await self.apollo.load(prefix, supergraph)
        try:
            answers = await asyncio.gather(
                *(self._both(router, refused, prefix, op) for op in operations)
            )
        finally:
            await self.apollo.unload(prefix)
        for case, operation, (ours, theirs) in zip(cases, operations, answers, strict=False):
            case.status = "compared"
            case.operation = operation
            case.ours, case.apollo = ours, theirs
            case.expected = oracle.answer(
                operation.query, operation.variables, operation.operation_name
            )
        return cases

    @contextlib.asynccontextmanager
    async def replay(self, case: Case) -> AsyncIterator[Replay]:
        """A compared case's world served again (recording every subgraph exchange), to run
        the case's operation or variants of it through both gateways and the oracle."""
        fixtures = build_subgraphs(case.world)
        for fixture in fixtures:
            self.host.mount(case.prefix, fixture.name, fixture.app())
        recording: list[tuple[str, bytes, bytes]] = []
        self.host.recordings[case.prefix] = recording
        gateway = f"{case.prefix}-replay-{next(self._run)}"
        router, refused = self._our_router(case.supergraph)
        await self.apollo.load(gateway, case.supergraph)
        try:
            yield Replay(self, case, router, refused, gateway, recording)
        finally:
            await self.apollo.unload(gateway)
            del self.host.recordings[case.prefix]
            self.host.unmount(case.prefix)

    async def trace(self, case: Case) -> Trace:
        """Both plans and every subgraph exchange of each gateway, one at a time."""
        assert case.operation is not None
        async with self.replay(case) as replay:
            return await replay.trace(case.operation)

    def _our_router(self, supergraph: str) -> tuple[Router | None, str]:
        try:
            loaded = load_supergraph(supergraph)
        except Exception as error:  # refusing a supergraph Apollo composed is an answer too
            return None, f"our router refused the supergraph: {error}"
        return Router(loaded, RouterConfig(), transport=self.transport), ""

    async def _both(
        self, router: Router | None, refused: str, gateway: str, operation: Operation
    ) -> tuple[Answer, Answer]:
        ours, theirs = await asyncio.gather(
            self._ours(router, refused, operation), self._apollo(gateway, operation)
        )
        return ours, theirs

    async def _ours(self, router: Router | None, refused: str, operation: Operation) -> Answer:
        if router is None:
            return Answer(None, [{"message": refused}])
        request = GraphQLRequest(operation.query, operation.operation_name, operation.variables)
        try:
            body = await asyncio.wait_for(router.handle(request), OPERATION_TIMEOUT_SECONDS)
        except Exception as error:  # a crash is an answer too (a client would get a 500)
            return Answer(None, [{"message": f"our router raised {error!r}"}])
        return Answer(body.get("data"), list(body.get("errors") or []))

    async def _apollo(self, gateway: str, operation: Operation) -> Answer:
        try:
            body = await asyncio.wait_for(
                self.apollo.execute(
                    gateway, operation.query, operation.variables, operation.operation_name
                ),
                OPERATION_TIMEOUT_SECONDS,
            )
        except (ApolloError, TimeoutError) as error:
            return Answer(None, [{"message": f"@apollo/gateway failed: {error}"}])
        return apollo_answer(body)
