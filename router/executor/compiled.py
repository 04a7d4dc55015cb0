"""What each fetch of a plan needs at run time, worked out once per Fetch object and kept:
the start of its request body already encoded (document and operation name), and the response
keys it fills (for errors when it fails) — so no fetch operation is encoded or parsed again
while requests run."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import orjson

from router.executor.entities import Chooser
from router.executor.fetch_keys import entity_keys, root_keys
from router.planner.plan import Fetch

CAPACITY = 20_000  # fetches, i.e. roughly a thousand plans of up to twenty fetches


@dataclass(frozen=True, slots=True)
class CompiledFetch:
    prefix: bytes  # '{"query":…,"operationName":…,"variables":'
    root_keys: tuple[str, ...]
    entity_keys: dict[str, tuple[str, ...]]
    chooser: Chooser | None  # for entity fetches: which `requires` fragment applies to a type

    def body(self, variables: dict[str, Any]) -> bytes:
        return self.prefix + orjson.dumps(variables) + b"}"


def compile_fetch(fetch: Fetch, possible_types: Mapping[str, frozenset[str]]) -> CompiledFetch:
    head: dict[str, Any] = {"query": fetch.operation}
    if fetch.operation_name:
        head["operationName"] = fetch.operation_name
    encoded = orjson.dumps(head)
    prefix = encoded[:-1] + b',"variables":'
    if fetch.requires:
        chooser = Chooser(fetch.requires, fetch.input_rewrites, possible_types)
        return CompiledFetch(prefix, (), entity_keys(fetch.operation), chooser)
    return CompiledFetch(prefix, root_keys(fetch.operation), {}, None)


class CompiledFetches:
    """Keyed by the Fetch object (plans are cached, so each is compiled once per plan); the
    entry holds the Fetch so its id is never reused while cached."""

    def __init__(
        self, possible_types: Mapping[str, frozenset[str]], capacity: int = CAPACITY
    ) -> None:
        self.possible_types = possible_types
        self.capacity = capacity
        self._entries: dict[int, tuple[Fetch, CompiledFetch]] = {}

    def of(self, fetch: Fetch) -> CompiledFetch:
        entry = self._entries.get(id(fetch))
        if entry is not None and entry[0] is fetch:
            return entry[1]
        compiled = compile_fetch(fetch, self.possible_types)
        if len(self._entries) >= self.capacity:
            self._entries.pop(next(iter(self._entries)))  # oldest first
        self._entries[id(fetch)] = (fetch, compiled)
        return compiled
