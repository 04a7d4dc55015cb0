"""ORDER_FULLY_PAID deliveries shaped, signed and sent like Saleor 3.22's.

Three payload shapes, as captured in tests/fixtures/saleor/webhook-samples/:
- "legacy": a JSON array with one snake_case Order object (a webhook without a query);
- "subscription": the `event` object of `subscription { event { ... on OrderFullyPaid } }`;
- "subscription-toplevel": `{"data": {"orderFullyPaid": …}}` from
  `subscription { orderFullyPaid { … } }`.
Bodies are `json.dumps` with default separators, as Saleor writes them; the signature is a
detached JWS over those exact bytes. Headers: `Saleor-Event`, `Saleor-Domain`,
`Saleor-Api-Url`, `Saleor-Signature` and their deprecated `X-Saleor-*` twins.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any, Literal
from urllib.parse import urlsplit

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    OperationDefinitionNode,
    parse,
)

from tests.fakes.saleor.data import Order, OrderLine, Product, SaleorData, Variant, global_id

PayloadShape = Literal["legacy", "subscription", "subscription-toplevel"]
SHAPES: tuple[PayloadShape, ...] = ("legacy", "subscription", "subscription-toplevel")
SALEOR_VERSION = "3.22.67"
APP_NAME = "cmp-fake-app"
APP_ID = global_id("App", 1)
ORDER_FULLY_PAID = "order_fully_paid"


def _money(amount: float) -> str:
    return f"{amount:.2f}"


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _lines(data: SaleorData, order: Order) -> list[tuple[OrderLine, Product, Variant, float]]:
    """(line, product, variant, unit price) for lines whose variant still exists."""
    rows: list[tuple[OrderLine, Product, Variant, float]] = []
    for line in order.lines:
        found = data.variant(line.variant_pk)
        if found is not None:
            product, variant = found
            rows.append((line, product, variant, variant.prices.get(order.channel, 0.0)))
    return rows


def _total(data: SaleorData, order: Order) -> float:
    return sum(unit * line.quantity for line, _p, _v, unit in _lines(data, order))


def legacy_payload(data: SaleorData, order: Order) -> list[dict[str, Any]]:
    total = _money(_total(data, order))
    currency = data.currency
    return [
        {
            "type": "Order",
            "id": order.id,
            "channel": {
                "type": "Channel",
                "id": global_id("Channel", 1),
                "slug": order.channel,
                "currency_code": currency,
            },
            "shipping_address": None,
            "billing_address": None,
            "discounts": None,
            "token": str(order.pk),
            "number": int(order.number) if order.number.isdigit() else order.number,
            "user_email": order.user_email,
            "created": "2025-01-01T00:00:00.000Z",
            "original": global_id("Order", "None"),
            "lines": [
                {
                    "type": "OrderLine",
                    "id": line.id,
                    "product_variant_id": variant.id,
                    "total_price_net_amount": _money(unit * line.quantity),
                    "total_price_gross_amount": _money(unit * line.quantity),
                    "allocations": [],
                    "product_name": product.name,
                    "variant_name": variant.name,
                    "translated_product_name": "",
                    "translated_variant_name": "",
                    "product_sku": variant.sku,
                    "quantity": line.quantity,
                    "currency": currency,
                    "unit_discount_amount": "0.00",
                    "unit_discount_type": None,
                    "unit_discount_reason": None,
                    "unit_price_net_amount": _money(unit),
                    "unit_price_gross_amount": _money(unit),
                    "undiscounted_unit_price_gross_amount": _money(unit),
                    "undiscounted_unit_price_net_amount": _money(unit),
                    "undiscounted_total_price_gross_amount": _money(unit * line.quantity),
                    "undiscounted_total_price_net_amount": _money(unit * line.quantity),
                    "tax_rate": "0.0000",
                    "voucher_code": None,
                    "sale_id": None,
                }
                for line, product, variant, unit in _lines(data, order)
            ],
            "fulfillments": [],
            "collection_point": None,
            "payments": [],
            "shipping_method": None,
            "meta": {
                "issued_at": _now(),
                "version": SALEOR_VERSION,
                "issuing_principal": {"id": APP_NAME, "type": "app"},
            },
            "private_metadata": {},
            "metadata": dict(order.metadata),
            "status": order.status.lower(),
            "language_code": "en",
            "origin": "checkout",
            "shipping_method_name": None,
            "collection_point_name": None,
            "shipping_price_net_amount": "0.00",
            "shipping_price_gross_amount": "0.00",
            "shipping_tax_rate": "0.0000",
            "total_net_amount": total,
            "undiscounted_total_net_amount": total,
            "total_gross_amount": total,
            "undiscounted_total_gross_amount": total,
            "weight": "0.0:g",
        }
    ]


def subscription_payload(data: SaleorData, order: Order) -> dict[str, Any]:
    total = _total(data, order)
    currency = data.currency
    gross = {"amount": total, "currency": currency}
    app = {"id": APP_ID, "name": APP_NAME}
    return {
        "__typename": "OrderFullyPaid",
        "issuedAt": _now(),
        "version": SALEOR_VERSION,
        "issuingPrincipal": {"__typename": "App", **app},
        "recipient": app,
        "order": {
            "id": order.id,
            "number": order.number,
            "created": "2025-01-01T00:00:00+00:00",
            "status": order.status,
            "paymentStatus": "FULLY_CHARGED" if order.is_paid else "NOT_CHARGED",
            "isPaid": order.is_paid,
            "userEmail": order.user_email,
            "channel": {"slug": order.channel, "currencyCode": currency},
            "total": {"gross": gross, "net": gross},
            "totalCharged": gross if order.is_paid else {"amount": 0.0, "currency": currency},
            "lines": [
                {
                    "id": line.id,
                    "productName": product.name,
                    "variantName": variant.name,
                    "productSku": variant.sku,
                    "quantity": line.quantity,
                    "variant": {"id": variant.id, "product": {"id": product.id}},
                    "unitPrice": {"gross": {"amount": unit, "currency": currency}},
                }
                for line, product, variant, unit in _lines(data, order)
            ],
            "metadata": [{"key": k, "value": v} for k, v in order.metadata.items()],
        },
    }


def toplevel_subscription_payload(data: SaleorData, order: Order) -> dict[str, Any]:
    gross = {"amount": _total(data, order), "currency": data.currency}
    return {
        "data": {
            "orderFullyPaid": {
                "__typename": "OrderFullyPaid",
                "issuedAt": _now(),
                "order": {
                    "id": order.id,
                    "number": order.number,
                    "isPaid": order.is_paid,
                    "total": {"gross": gross},
                },
            }
        }
    }


def order_fully_paid_body(data: SaleorData, order: Order, shape: PayloadShape = "legacy") -> bytes:
    payload: Any
    if shape == "legacy":
        payload = legacy_payload(data, order)
    elif shape == "subscription":
        payload = subscription_payload(data, order)
    elif shape == "subscription-toplevel":
        payload = toplevel_subscription_payload(data, order)
    else:
        raise ValueError(f"unknown payload shape {shape!r}")
    return json.dumps(payload).encode()


def delivery_headers(event: str, api_url: str, signature: str) -> dict[str, str]:
    domain = urlsplit(api_url).netloc
    return {
        "User-Agent": "Saleor/3.22",
        "Content-Type": "application/json",
        "X-Saleor-Event": event,
        "X-Saleor-Domain": domain,
        "X-Saleor-Signature": signature,
        "Saleor-Event": event,
        "Saleor-Domain": domain,
        "Saleor-Signature": signature,
        "Saleor-Api-Url": api_url,
    }


def _project(value: Any, selections: Any, fragments: dict[str, Any]) -> Any:
    """`value` cut down to what a GraphQL selection set asks for (aliases honoured)."""
    if isinstance(value, list):
        return [_project(item, selections, fragments) for item in value]
    if not isinstance(value, dict) or selections is None:
        return value
    result: dict[str, Any] = {}
    for selection in selections.selections:
        if isinstance(selection, FieldNode):
            name = selection.name.value
            key = selection.alias.value if selection.alias else name
            result[key] = _project(value.get(name), selection.selection_set, fragments)
        else:
            if isinstance(selection, FragmentSpreadNode):
                fragment = fragments[selection.name.value]
                condition, inner = fragment.type_condition, fragment.selection_set
            else:
                condition, inner = selection.type_condition, selection.selection_set
            if condition is None or condition.name.value == value.get("__typename"):
                result.update(_project(value, inner, fragments))
    return result


def subscription_body(data: SaleorData, order: Order, query: str) -> bytes:
    """What a webhook with a subscription query receives: the `event` object its query
    selects (`subscription { event { ... on OrderFullyPaid { … } } }`), or
    `{"data": {<field>: …}}` for a top-level event field (`subscription { orderFullyPaid … }`),
    as in the captures in tests/fixtures/saleor/webhook-samples/."""
    document = parse(query)
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    operation = next(d for d in document.definitions if isinstance(d, OperationDefinitionNode))
    top = operation.selection_set.selections[0]
    assert isinstance(top, FieldNode)
    event = subscription_payload(data, order)
    if top.name.value == "event":
        return json.dumps(_project(event, top.selection_set, fragments)).encode()
    key = top.alias.value if top.alias else top.name.value
    return json.dumps({"data": {key: _project(event, top.selection_set, fragments)}}).encode()
