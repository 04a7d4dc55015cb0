"""Finding the order in an ORDER_FULLY_PAID body, whichever shape the webhook was set up with:
the legacy payload (a JSON array of objects with `type` and `id`), a subscription payload
(`{"order": {...}}`, the `event` object) or a top-level subscription (`{"data": {...}}`).
Only the id is taken: amounts and lines are read from Saleor itself. A body that is not JSON,
or nests deeper than the limit, is refused before anything walks it."""

from __future__ import annotations

from typing import Any

import orjson

from kernel.json_depth import TooDeep, check_depth, is_depth_error
from kernel.limits import MAX_JSON_DEPTH


class PayloadRefused(Exception):
    pass


def order_id_of(body: bytes, max_depth: int = MAX_JSON_DEPTH) -> str | None:
    try:
        payload: Any = check_depth(orjson.loads(body), max_depth)
    except orjson.JSONDecodeError as error:
        if is_depth_error(error):
            raise PayloadRefused(str(TooDeep("the body", max_depth))) from error
        raise PayloadRefused("the body is not JSON") from error
    except TooDeep as error:
        raise PayloadRefused(str(error)) from error
    if isinstance(payload, list):
        for item in payload:
            if isinstance(item, dict) and item.get("type") == "Order":
                return _string(item.get("id"))
        return None
    if not isinstance(payload, dict):
        return None
    data = payload.get("data")
    if isinstance(data, dict):
        for event in data.values():
            if isinstance(event, dict) and isinstance(event.get("order"), dict):
                return _string(event["order"].get("id"))
    order = payload.get("order")
    if isinstance(order, dict):
        return _string(order.get("id"))
    return None


def _string(value: Any) -> str | None:
    return value if isinstance(value, str) and 0 < len(value) <= 200 else None
