"""A limit on how deeply JSON may nest, for request bodies and GraphQL variables.

Deep nesting is cheap to send and expensive to refuse late: Python's `json` raises
RecursionError on a few thousand levels and orjson refuses to serialise more than 254, both
far from where the input arrived. So bodies are parsed with orjson (which stops by itself at
1,024 levels, without recursion) and the result is measured iteratively, before anything else
looks at it. `JsonDepthMiddleware` does this for the subgraphs; the router and the webhook
endpoint call `check_depth` on what they parse themselves.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kernel.request_errors import error_body, send_refusal

BAD_REQUEST = "BAD_REQUEST"


class TooDeep(Exception):
    def __init__(self, what: str, limit: int) -> None:
        super().__init__(f"{what} nests JSON deeper than {limit} levels")
        self.limit = limit


def exceeds_depth(value: Any, limit: int) -> bool:
    """True when objects and arrays nest more than `limit` levels (`{}` and `[]` are one)."""
    if not isinstance(value, dict | list):
        return False
    pending: list[tuple[Any, int]] = [(value, 1)]
    while pending:
        container, depth = pending.pop()
        if depth > limit:
            return True
        children = container.values() if isinstance(container, dict) else container
        pending.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def check_depth(value: Any, limit: int, what: str = "the body") -> Any:
    if exceeds_depth(value, limit):
        raise TooDeep(what, limit)
    return value


def is_depth_error(error: orjson.JSONDecodeError) -> bool:
    """orjson stopped at its own nesting ceiling (1,024), which is above any limit of ours."""
    return "depth" in str(error).lower()


def too_deep_body(error: TooDeep) -> bytes:
    return error_body(str(error), BAD_REQUEST)


class JsonDepthMiddleware:
    """Refuses (400) a JSON body, or a `variables` / `extensions` query parameter, nested
    deeper than `max_depth`; everything else reaches the app unchanged. Sits inside the body
    limit, so the body it buffers is bounded."""

    def __init__(self, app: ASGIApp, max_depth: int) -> None:
        self.app = app
        self.max_depth = max_depth

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            self._check_query_string(scope.get("query_string", b""))
        except TooDeep as error:
            await send_refusal(send, 400, too_deep_body(error))
            return
        if not self._is_json(scope):
            await self.app(scope, receive, send)
            return
        body, tail = await self._read(receive)
        try:
            self._check_body(body)
        except TooDeep as error:
            await send_refusal(send, 400, too_deep_body(error))
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return tail if tail is not None else await receive()

        await self.app(scope, replay, send)

    def _check_query_string(self, raw: bytes) -> None:
        if b"variables" not in raw and b"extensions" not in raw:
            return
        params = parse_qs(raw.decode("latin-1"))
        for name in ("variables", "extensions"):
            for value in params.get(name, ()):
                self._check_text(value.encode(), f"the {name} parameter")

    def _check_body(self, body: bytes) -> None:
        if body.strip():
            self._check_text(body, "the body")

    def _check_text(self, raw: bytes, what: str) -> None:
        try:
            parsed = orjson.loads(raw)
        except orjson.JSONDecodeError as error:
            if is_depth_error(error):
                raise TooDeep(what, self.max_depth) from error
            return  # malformed in another way: the app says so, as it always has
        check_depth(parsed, self.max_depth, what)

    @staticmethod
    def _is_json(scope: Scope) -> bool:
        for name, value in scope.get("headers") or ():
            if name == b"content-type":
                return b"json" in value.lower()
        return False

    @staticmethod
    async def _read(receive: Receive) -> tuple[bytes, Message | None]:
        """The whole body; and a disconnect that arrived instead of its end, to hand on."""
        chunks: list[bytes] = []
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return b"".join(chunks), message
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                return b"".join(chunks), None
