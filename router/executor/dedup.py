"""De-duplication of identical in-flight subgraph requests: while one is on the wire, an
identical one (same URL, body and headers — so the same document, variables and forwarded
credentials) waits for its answer instead of being sent. Each waiter gets the raw response and
decodes its own copy, so no two client requests ever share (and mutate) one result tree. Off by
default (ROUTER_DEDUPLICATE_FETCHES): only queries are ever shared."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class InflightDeduplicator(Generic[T]):
    def __init__(self) -> None:
        self._inflight: dict[Hashable, asyncio.Future[T]] = {}
        self.shared = 0  # requests answered by another's fetch (for benchmarks and tests)

    async def run(self, key: Hashable, send: Callable[[], Awaitable[T]]) -> T:
        pending = self._inflight.get(key)
        if pending is not None:
            self.shared += 1
            # shield: one waiter's cancellation must not cancel the fetch the others wait on.
            return await asyncio.shield(pending)
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._inflight[key] = future
        try:
            result = await send()
        except asyncio.CancelledError:
            future.cancel()
            raise
        except BaseException as error:
            future.set_exception(error)
            future.exception()  # retrieved: no "never retrieved" warning without waiters
            raise
        else:
            future.set_result(result)
            return result
        finally:
            del self._inflight[key]
