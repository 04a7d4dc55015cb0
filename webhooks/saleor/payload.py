"""Finding the order in an ORDER_FULLY_PAID body, whichever shape the webhook was set up with:
the legacy payload (a JSON array of objects with `type` and `id`), a subscription payload
(`{"order": {...}}`, the `event` object) or a top-level subscription (`{"data": {...}}`).
Only the id is taken: amounts and lines are read from Saleor itself."""

from __future__ import annotations

import json
from typing import Any


def order_id_of(body: bytes) -> str | None:
    try:
        payload: Any = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
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
