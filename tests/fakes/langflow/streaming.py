"""The fake Langflow's streamed runs (`?stream=true`), in Langflow 1.13's wire format: 200
`text/event-stream` at once, then one line of JSON per event followed by a blank line
(`EventManager.send_event`, src/lfx/src/lfx/events/event_manager.py). A chat flow sends, as the
real one does: `add_message` for the user's message (Chat Input), `add_message` announcing the
answer with its first chunk (`properties.state` "partial"), one `token` per chunk (the first
again), the answer once more whole with its usage (Chat Output), then `end` with the same
RunResponse the non-streaming call answers. A failing flow sends its component's error Message
as an `error` event, then `{"error": "<status>: <ExceptionBody as JSON text>"}` (str() of
Langflow's APIException), and the stream ends without `end`. A stream cut by the server
(`broken-<n>`) leaves the flow running to its end; a client that leaves cancels it (app.py).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

from tests.fakes.langflow.flows import message

# Sent in place of an event to end the stream, and to cut the connection mid-stream.
END_OF_STREAM = object()
CUT = object()


def event(kind: str, data: Any) -> bytes:
    return (json.dumps({"event": kind, "data": data}) + "\n\n").encode()


def pieces(text: str, count: int) -> list[str]:
    """`text` in `count` pieces (fewer for a short text) that join back to it."""
    count = max(1, min(count, len(text)))
    size = -(-len(text) // count)
    return [text[i : i + size] for i in range(0, len(text), size)]


class Events:
    """What a streamed flow says, queued as it runs; the response reads it."""

    def __init__(self) -> None:
        self._queue: asyncio.Queue[object] = asyncio.Queue()

    def send(self, kind: str, data: Any) -> None:
        self._queue.put_nowait(event(kind, data))

    def close(self) -> None:
        self._queue.put_nowait(END_OF_STREAM)

    def cut(self) -> None:
        """The connection breaks (a proxy or Langflow's process died mid-stream)."""
        self._queue.put_nowait(CUT)

    async def body(self) -> AsyncIterator[bytes]:
        while True:
            item = await self._queue.get()
            if item is END_OF_STREAM:
                return
            if item is CUT:
                # An exception after the headers makes uvicorn drop the connection without
                # finishing the chunked body: the client sees a broken stream.
                raise ConnectionAbortedError("the fake Langflow cut the stream")
            assert isinstance(item, bytes)
            yield item


async def stream_chat_answer(
    events: Events,
    answer: dict[str, Any],
    chunks: int,
    chunk_delay: float,
    stop_after: int | None = None,
    cut: bool = False,
) -> bool:
    """Stream the chat message of `answer` (a RunResponse) as a model does, token by token.
    After `stop_after` tokens the stream ends there — broken if `cut`, else cleanly without
    `end` — and this answers False."""
    chat = _chat_message(answer)
    if chat is None:
        return True
    text = chat["text"]
    announced = {**chat, "text": "", "properties": {**chat["properties"], "state": "partial"}}
    for number, chunk in enumerate(pieces(text, chunks)):
        await asyncio.sleep(chunk_delay)
        if number == 0:
            events.send("add_message", {**announced, "text": chunk})
        events.send("token", {"chunk": chunk, "id": chat["id"]})
        if stop_after is not None and number + 1 >= stop_after:
            events.cut() if cut else events.close()
            return False
    if chat["properties"].get("usage"):
        events.send("add_message", chat)  # Chat Output stores and sends it again with usage
    return True


def user_message(text: str, session_id: str, flow_id: str) -> dict[str, Any]:
    return message(text, session_id, flow_id, None, sender="User")


def error_message(text: str, session_id: str, flow_id: str) -> dict[str, Any]:
    """The error Message a failing component sends (category "error")."""
    return {
        **message(text, session_id, flow_id, None, sender="Machine"),
        "sender_name": "OpenAI",
        "error": True,
        "category": "error",
    }


def _chat_message(answer: dict[str, Any]) -> dict[str, Any] | None:
    for run_output in answer.get("outputs", []):
        for result in run_output.get("outputs", []):
            value = result.get("results", {}).get("message")
            if isinstance(value, dict) and value.get("sender") == "Machine":
                return value
    return None
