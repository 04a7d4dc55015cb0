"""GraphQL over Server-Sent Events, "distinct connections" mode of the graphql-sse protocol:
one operation per request (POST, or GET for EventSource), each result as `event: next`, then
`event: complete`. Idle streams get a comment line now and then so proxies keep them open."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import suppress
from typing import Any

import orjson

EVENT_STREAM = "text/event-stream"
COMPLETE = b"event: complete\ndata:\n\n"
KEEP_ALIVE = b":\n\n"


def accepts_event_stream(accept: str | None) -> bool:
    """True when the client lists text/event-stream among what it accepts."""
    if not accept:
        return False
    return any(item.split(";")[0].strip().lower() == EVENT_STREAM for item in accept.split(","))


def next_event(result: dict[str, Any]) -> bytes:
    return b"event: next\ndata: " + orjson.dumps(result, default=str) + b"\n\n"


async def event_stream(
    results: AsyncIterator[dict[str, Any]], keep_alive_seconds: float = 12.0
) -> AsyncIterator[bytes]:
    """The SSE body for `results`. Starlette cancels this generator when the client goes away;
    closing `results` then ends the subgraph subscription behind it."""
    iterator = aiter(results)
    pending: asyncio.Task[dict[str, Any]] | None = None
    try:
        while True:
            if pending is None:
                pending = asyncio.ensure_future(anext(iterator))
            done, _ = await asyncio.wait({pending}, timeout=keep_alive_seconds)
            if not done:
                yield KEEP_ALIVE
                continue
            try:
                result = pending.result()
            except StopAsyncIteration:
                break
            finally:
                pending = None
            yield next_event(result)
        yield COMPLETE
    finally:
        if pending is not None:
            pending.cancel()
            with suppress(BaseException):
                await pending  # the generator must stop running before it can be closed
        closer = getattr(iterator, "aclose", None)
        if closer is not None:
            await closer()
