"""Run a query plan: fetches in sequence or in parallel as the plan says, each result merged into
one response tree by path. Never decides where a field resolves; never raises for a subgraph's
failure (the affected fields get errors and the rest of the response survives)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from router.executor.context import RequestContext
from router.executor.entities import (
    Representation,
    batches,
    entities_at,
    representations_for,
)
from router.executor.errors import fetch_failed, invalid_entity, subgraph_error
from router.executor.fetch_keys import entity_keys, root_keys
from router.executor.merge import deep_merge, merge_root_fetch_at
from router.executor.rewrites import apply_output_rewrites
from router.executor.transport import FetchFailure, SubgraphResponse, SubgraphTransport
from router.planner.plan import Condition, Fetch, Flatten, Parallel, PlanNode, QueryPlan, Sequence

DEFAULT_MAX_REPRESENTATIONS = 100


@dataclass
class ExecutorConfig:
    subgraph_urls: dict[str, str]
    max_representations: dict[str, int] = field(default_factory=dict)  # per subgraph
    default_max_representations: int = DEFAULT_MAX_REPRESENTATIONS
    timeouts: dict[str, float] = field(default_factory=dict)  # per subgraph, seconds
    # Subgraph response headers handed back to the client (lower-case names).
    response_headers: frozenset[str] = frozenset()

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
    ) -> None:
        self.config = config
        self.transport = transport
        self.possible_types = possible_types
        self.abstract_types = abstract_types
        # Told of every subgraph fetch: (subgraph, seconds, succeeded). Metrics hook in here.
        self.on_fetch: Callable[[str, float, bool], None] | None = None

    async def execute(self, plan: QueryPlan, state: ExecutionState) -> ExecutionState:
        if plan.node is not None:
            await self._run(plan.node, state, ())
        return state

    async def _run(self, node: PlanNode, state: ExecutionState, path: tuple[str, ...]) -> None:
        if isinstance(node, Sequence):
            for child in node.nodes:
                await self._run(child, state, path)
        elif isinstance(node, Parallel):
            await asyncio.gather(*(self._run(child, state, path) for child in node.nodes))
        elif isinstance(node, Flatten):
            await self._run(node.node, state, node.path)
        elif isinstance(node, Condition):
            chosen = (
                node.if_clause if state.condition_values.get(node.variable) else node.else_clause
            )
            if chosen is not None:
                await self._run(chosen, state, path)
        elif node.is_entity_fetch:
            await self._entity_fetch(node, state, path)
        else:
            await self._root_fetch(node, state, path)

    def _variables(self, fetch: Fetch, state: ExecutionState) -> dict[str, Any]:
        # Only what the fetch declares; absent ones stay absent so subgraph defaults apply.
        return {
            name: state.variables[name] for name in fetch.variable_usages if name in state.variables
        }

    async def _send(
        self, fetch: Fetch, variables: dict[str, Any], state: ExecutionState
    ) -> SubgraphResponse:
        body: dict[str, Any] = {"query": fetch.operation, "variables": variables}
        if fetch.operation_name:
            body["operationName"] = fetch.operation_name
        started = time.perf_counter()
        succeeded = False
        try:
            response = await self.transport.post(
                self.config.subgraph_urls[fetch.service],
                body,
                state.context.headers_for(fetch.service),
                self.config.timeouts.get(fetch.service),
                self.config.response_headers,
            )
            succeeded = True
        finally:
            if self.on_fetch is not None:
                self.on_fetch(fetch.service, time.perf_counter() - started, succeeded)
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
            for key in root_keys(fetch.operation):
                state.errors.append(fetch_failed(fetch.service, failure, [key]))
            return
        if response.data:
            if fetch.output_rewrites:
                apply_output_rewrites(response.data, fetch.output_rewrites, self.possible_types)
            if path:
                merge_root_fetch_at(state.data, path, response.data, self.abstract_types)
            else:
                deep_merge(state.data, response.data, self.abstract_types)
        for error in response.errors:
            error_path = error.get("path")
            state.errors.append(
                subgraph_error(
                    error,
                    fetch.service,
                    list(error_path) if isinstance(error_path, list) else None,
                )
            )

    async def _entity_fetch(
        self, fetch: Fetch, state: ExecutionState, path: tuple[str, ...]
    ) -> None:
        entities = entities_at(state.data, path)
        representations = representations_for(
            entities, fetch.requires, fetch.input_rewrites, self.possible_types
        )
        if not representations:
            return
        variables = self._variables(fetch, state)
        await asyncio.gather(
            *(
                self._entity_batch(fetch, state, batch, variables)
                for batch in batches(representations, self.config.maximum_for(fetch.service))
            )
        )

    async def _entity_batch(
        self,
        fetch: Fetch,
        state: ExecutionState,
        batch: list[Representation],
        variables: dict[str, Any],
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
            self._fail_batch(fetch, state, batch, failure)
            return
        if fetch.output_rewrites and results:
            apply_output_rewrites(results, fetch.output_rewrites, self.possible_types)
        for index, result in enumerate(results or []):
            representation = batch[index]
            if result is None:
                continue
            if not isinstance(result, dict) or not self._same_entity(representation, result):
                returned = (
                    result.get("__typename") if isinstance(result, dict) else type(result).__name__
                )
                for entity in representation.entities:
                    state.errors.append(
                        invalid_entity(
                            fetch.service,
                            f"got {returned} for a representation of {representation.typename}",
                            entity.path,
                        )
                    )
                continue
            for entity in representation.entities:
                deep_merge(entity.value, result, self.abstract_types)
        for error in response.errors:
            self._entity_error(fetch, state, batch, error)

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
    ) -> None:
        path = error.get("path")
        if (
            isinstance(path, list)
            and len(path) >= 2
            and path[0] == "_entities"
            and isinstance(path[1], int)
            and 0 <= path[1] < len(batch)
        ):
            for entity in batch[path[1]].entities:
                state.errors.append(subgraph_error(error, fetch.service, [*entity.path, *path[2:]]))
        elif path == ["_entities"]:
            # The whole `_entities` field failed: every entity of this request is affected.
            for representation in batch:
                for entity in representation.entities:
                    state.errors.append(subgraph_error(error, fetch.service, entity.path))
        else:
            state.errors.append(subgraph_error(error, fetch.service, None))

    def _fail_batch(
        self,
        fetch: Fetch,
        state: ExecutionState,
        batch: list[Representation],
        failure: FetchFailure,
    ) -> None:
        keys_by_type = entity_keys(fetch.operation)
        for representation in batch:
            for entity in representation.entities:
                typename = entity.value.get("__typename")
                keys = next(
                    (
                        k
                        for condition, k in keys_by_type.items()
                        if condition == typename
                        or typename in self.possible_types.get(condition, ())
                    ),
                    (),
                )
                for key in keys:
                    state.errors.append(fetch_failed(fetch.service, failure, [*entity.path, key]))
