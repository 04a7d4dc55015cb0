"""Run a query plan: fetches in sequence or in parallel as the plan says, each result merged into
one response tree by path. Never decides where a field resolves; never raises for a subgraph's
failure (the affected fields get errors and the rest of the response survives)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncGenerator, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from router.executor.compiled import CompiledFetches
from router.executor.context import RequestContext
from router.executor.entities import (
    Path,
    Representation,
    batches,
    entities_at,
    paths_of,
    representations_for,
)
from router.executor.errors import (
    fetch_failed,
    invalid_entity,
    log_fetch_failure,
    subgraph_error,
)
from router.executor.fetch_keys import root_keys
from router.executor.merge import deep_merge, merge_root_fetch_at
from router.executor.rewrites import apply_output_rewrites
from router.executor.subscription_source import SubscriptionSource
from router.executor.tracing import FetchSpan, FetchTracing, SubscriptionSpan
from router.executor.transport import FetchFailure, SubgraphResponse, SubgraphTransport
from router.planner.plan import Fetch, Flatten, Parallel, PlanNode, QueryPlan, Sequence

DEFAULT_MAX_REPRESENTATIONS = 100


@dataclass
class ExecutorConfig:
    subgraph_urls: dict[str, str]
    max_representations: dict[str, int] = field(default_factory=dict)  # per subgraph
    default_max_representations: int = DEFAULT_MAX_REPRESENTATIONS
    timeouts: dict[str, float] = field(default_factory=dict)  # per subgraph, seconds
    # Subgraph response headers handed back to the client (lower-case names).
    response_headers: frozenset[str] = frozenset()
    # Share one subgraph request between identical in-flight query fetches (same subgraph,
    # document, variables and forwarded headers): ROUTER_DEDUPLICATE_FETCHES.
    deduplicate: bool = False

    def maximum_for(self, service: str) -> int:
        return self.max_representations.get(service, self.default_max_representations)


@dataclass
class ExecutionState:
    variables: Mapping[str, Any]  # as the client sent them: forwarded to subgraphs
    condition_values: Mapping[str, Any]  # coerced, defaults applied: decides Condition nodes
    data: dict[str, Any] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)
    context: RequestContext = field(default_factory=RequestContext)


class Executor:
    def __init__(
        self,
        config: ExecutorConfig,
        transport: SubgraphTransport,
        possible_types: Mapping[str, frozenset[str]],
        abstract_types: frozenset[str],
        subscriptions: SubscriptionSource | None = None,
    ) -> None:
        self.config = config
        self.transport = transport
        self.possible_types = possible_types
        self.abstract_types = abstract_types
        # Told of every subgraph fetch: (subgraph, seconds, succeeded). Metrics hook in here.
        self.on_fetch: Callable[[str, float, bool], None] | None = None
        # A span per fetch, `traceparent` on its request: set by router.telemetry when tracing.
        self.tracing: FetchTracing | None = None
        self.subscriptions = subscriptions or SubscriptionSource()
        self.compiled = CompiledFetches(possible_types)

    async def execute(self, plan: QueryPlan, state: ExecutionState) -> ExecutionState:
        if plan.node is not None:
            await self._run(plan.node, state, ())
        return state

    async def _run(self, node: PlanNode, state: ExecutionState, path: tuple[str, ...]) -> None:
        if isinstance(node, Fetch):
            if node.requires:
                await self._entity_fetch(node, state, path)
            else:
                await self._root_fetch(node, state, path)
        elif isinstance(node, Flatten):
            await self._run(node.node, state, node.path)
        elif isinstance(node, Sequence):
            for child in node.nodes:
                await self._run(child, state, path)
        elif isinstance(node, Parallel):
            await asyncio.gather(*(self._run(child, state, path) for child in node.nodes))
        else:
            chosen = (
                node.if_clause if state.condition_values.get(node.variable) else node.else_clause
            )
            if chosen is not None:
                await self._run(chosen, state, path)

    def _variables(self, fetch: Fetch, state: ExecutionState) -> dict[str, Any]:
        # Only what the fetch declares; absent ones stay absent so subgraph defaults apply.
        return {
            name: state.variables[name] for name in fetch.variable_usages if name in state.variables
        }

    async def _send(
        self, fetch: Fetch, variables: dict[str, Any], state: ExecutionState
    ) -> SubgraphResponse:
        body = self.compiled.of(fetch).body(variables)
        url = self.config.subgraph_urls[fetch.service]
        headers = state.context.headers_for(fetch.service)
        span = None if self.tracing is None else self.tracing.start(fetch, variables)
        if span is not None:
            headers = span.inject(headers)
        started = time.perf_counter()
        succeeded = False
        try:
            response = await self.transport.post(
                url,
                body,
                headers,
                self.config.timeouts.get(fetch.service),
                self.config.response_headers,
                deduplicate=self.config.deduplicate and fetch.operation_kind == "query",
                query=fetch.operation_kind == "query",
            )
            succeeded = True
            if span is not None:
                span.answered(response)
        except FetchFailure as failure:
            if span is not None:
                span.failed(failure)
            raise
        finally:
            if self.on_fetch is not None:
                self.on_fetch(fetch.service, time.perf_counter() - started, succeeded)
            if span is not None:
                span.end()
        if response.headers:
            state.context.response_headers.extend(response.headers)
        return response

    async def _root_fetch(
        self, fetch: Fetch, state: ExecutionState, path: tuple[str, ...] = ()
    ) -> None:
        if path and not entities_at(state.data, path):
            return  # a root-type field below a null: nothing to fetch it for
        try:
            response = await self._send(fetch, self._variables(fetch, state), state)
        except FetchFailure as failure:
            log_fetch_failure(fetch.service, failure, state.context.request_id)
            for key in self.compiled.of(fetch).root_keys:
                state.errors.append(fetch_failed(fetch.service, failure, [key]))
            return
        self._apply_root(fetch, response.data, response.errors, state, path)

    def _apply_root(
        self,
        fetch: Fetch,
        data: dict[str, Any] | None,
        errors: list[dict[str, Any]],
        state: ExecutionState,
        path: tuple[str, ...] = (),
    ) -> None:
        if data:
            if fetch.output_rewrites:
                apply_output_rewrites(data, fetch.output_rewrites, self.possible_types)
            if path:
                merge_root_fetch_at(state.data, path, data, self.abstract_types)
            else:
                deep_merge(state.data, data, self.abstract_types)
        request_id = state.context.request_id
        for error in errors:
            error_path = error.get("path")
            state.errors.append(
                subgraph_error(
                    error,
                    fetch.service,
                    list(error_path) if isinstance(error_path, list) else None,
                    request_id,
                )
            )

    async def subscribe(
        self,
        primary: Fetch,
        rest: QueryPlan,
        new_state: Callable[[], ExecutionState],
        span: SubscriptionSpan | None = None,
    ) -> AsyncGenerator[ExecutionState]:
        """One state per event of the primary subscription, with `rest` executed on it. A
        subgraph that cannot be reached or drops the subscription ends the stream with an error.
        `span` (tracing on): the primary's fetch span and every event's fetches go under it."""
        state = new_state()
        body: dict[str, Any] = {
            "query": primary.operation,
            "variables": self._variables(primary, state),
        }
        if primary.operation_name:
            body["operationName"] = primary.operation_name
        headers = state.context.headers_for(primary.service)
        fetch_span: FetchSpan | None = None
        if span is not None and self.tracing is not None:
            with span.active():
                fetch_span = self.tracing.start(primary, body["variables"])
            # On the upgrade request: the subgraph's ASGI span continues the trace from there.
            headers = fetch_span.inject(headers)
        events = self.subscriptions.events(
            self.config.subgraph_urls[primary.service], body, headers
        )
        refusal: str | None = None
        try:
            async for payload in events:
                state = new_state()
                data = payload.get("data")
                errors = payload.get("errors")
                self._apply_root(
                    primary,
                    data if isinstance(data, dict) else None,
                    [e for e in errors if isinstance(e, dict)] if isinstance(errors, list) else [],
                    state,
                )
                if span is None:
                    await self.execute(rest, state)
                else:
                    with span.active():
                        await self.execute(rest, state)
                    span.event(len(state.errors))
                    # The subgraph refusing the subscription (its `error` message, or a last
                    # event without data) ends it; the span says so when nothing follows.
                    refusal = _refusal(data, errors)
                yield state
            if span is not None and refusal is not None:
                span.failed(refusal)
        except FetchFailure as failure:
            if fetch_span is not None:
                fetch_span.failed(failure)
            if span is not None:
                span.failed(str(failure))
            state = new_state()
            for key in root_keys(primary.operation):
                state.errors.append(fetch_failed(primary.service, failure, [key]))
            yield state
        finally:
            if fetch_span is not None:
                # The subgraph socket closed first, so the span covers the subscription's life.
                closer = getattr(events, "aclose", None)
                if closer is not None:
                    await closer()
                fetch_span.end()

    async def _entity_fetch(
        self, fetch: Fetch, state: ExecutionState, path: tuple[str, ...]
    ) -> None:
        chooser = self.compiled.of(fetch).chooser
        assert chooser is not None  # an entity fetch
        representations = representations_for(entities_at(state.data, path), chooser)
        if not representations:
            return
        variables = self._variables(fetch, state)
        groups = batches(representations, self.config.maximum_for(fetch.service))
        if len(groups) == 1:  # the common case: no task to schedule
            await self._entity_batch(fetch, state, groups[0], variables, path)
            return
        await asyncio.gather(
            *(self._entity_batch(fetch, state, batch, variables, path) for batch in groups)
        )

    async def _entity_batch(
        self,
        fetch: Fetch,
        state: ExecutionState,
        batch: list[Representation],
        variables: dict[str, Any],
        path: tuple[str, ...],
    ) -> None:
        try:
            response = await self._send(
                fetch, {**variables, "representations": [r.value for r in batch]}, state
            )
            results = (response.data or {}).get("_entities")
            if response.data is not None and (
                not isinstance(results, list) or len(results) != len(batch)
            ):
                raise FetchFailure(
                    f"_entities returned {len(results) if isinstance(results, list) else 'no list'}"
                    f" for {len(batch)} representations"
                )
        except FetchFailure as failure:
            self._fail_batch(fetch, state, batch, failure, _Paths(state.data, path))
            return
        if fetch.output_rewrites and results:
            apply_output_rewrites(results, fetch.output_rewrites, self.possible_types)
        paths = _Paths(state.data, path)  # walked only if an error needs a path
        for index, result in enumerate(results or []):
            representation = batch[index]
            if result is None:
                continue
            if not isinstance(result, dict) or not self._same_entity(representation, result):
                returned = (
                    result.get("__typename") if isinstance(result, dict) else type(result).__name__
                )
                for entity_path in paths.of(representation):
                    state.errors.append(
                        invalid_entity(
                            fetch.service,
                            f"got {returned} for a representation of {representation.typename}",
                            entity_path,
                        )
                    )
                continue
            for entity in representation.entities:
                deep_merge(entity, result, self.abstract_types)
        for error in response.errors:
            self._entity_error(fetch, state, batch, error, paths)

    def _same_entity(self, representation: Representation, result: dict[str, Any]) -> bool:
        """Match each result to its representation by type, never trusting positions alone."""
        returned = result.get("__typename")
        expected = representation.typename
        return (
            returned is None
            or returned == expected
            or returned in self.possible_types.get(expected, ())
        )

    def _entity_error(
        self,
        fetch: Fetch,
        state: ExecutionState,
        batch: list[Representation],
        error: dict[str, Any],
        paths: _Paths,
    ) -> None:
        path = error.get("path")
        request_id = state.context.request_id
        if (
            isinstance(path, list)
            and len(path) >= 2
            and path[0] == "_entities"
            and isinstance(path[1], int)
            and 0 <= path[1] < len(batch)
        ):
            for entity_path in paths.of(batch[path[1]]):
                state.errors.append(
                    subgraph_error(error, fetch.service, [*entity_path, *path[2:]], request_id)
                )
        elif path == ["_entities"]:
            # The whole `_entities` field failed: every entity of this request is affected.
            for representation in batch:
                for entity_path in paths.of(representation):
                    state.errors.append(
                        subgraph_error(error, fetch.service, entity_path, request_id)
                    )
        else:
            state.errors.append(subgraph_error(error, fetch.service, None, request_id))

    def _fail_batch(
        self,
        fetch: Fetch,
        state: ExecutionState,
        batch: list[Representation],
        failure: FetchFailure,
        paths: _Paths,
    ) -> None:
        log_fetch_failure(fetch.service, failure, state.context.request_id)
        keys_by_type = self.compiled.of(fetch).entity_keys
        seen: set[int] = set()
        for representation in batch:
            for entity in representation.entities:
                if id(entity) in seen:  # one object listed twice: its paths once
                    continue
                seen.add(id(entity))
                typename = entity.get("__typename")
                keys = next(
                    (
                        k
                        for condition, k in keys_by_type.items()
                        if condition == typename
                        or typename in self.possible_types.get(condition, ())
                    ),
                    (),
                )
                for entity_path in paths.of_entity(entity):
                    for key in keys:
                        state.errors.append(
                            fetch_failed(fetch.service, failure, [*entity_path, key])
                        )


class _Paths:
    """Response paths of a Flatten's objects, found on first use (only errors need them)."""

    def __init__(self, data: dict[str, Any], path: tuple[str, ...]) -> None:
        self.data = data
        self.path = path
        self._by_id: dict[int, list[Path]] | None = None

    def of_entity(self, entity: dict[str, Any]) -> list[Path]:
        if self._by_id is None:
            self._by_id = paths_of(self.data, self.path)
        return self._by_id.get(id(entity), [])

    def of(self, representation: Representation) -> list[Path]:
        found: list[Path] = []
        seen: set[int] = set()
        for entity in representation.entities:
            if id(entity) not in seen:  # one object listed twice: its paths once
                seen.add(id(entity))
                found.extend(self.of_entity(entity))
        return found


def _refusal(data: object, errors: object) -> str | None:
    """The first error's message of an event without data (None for an event with data)."""
    if data is not None or not isinstance(errors, list) or not errors:
        return None
    first = errors[0]
    message = first.get("message") if isinstance(first, dict) else None
    return message if isinstance(message, str) else "the subgraph answered errors"
