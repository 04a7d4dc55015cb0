"""Shape the fake's data like Saleor's GraphQL objects (dicts for graphql-core's resolver)."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Sequence
from typing import Any

from tests.fakes.saleor.data import Order, Product, SaleorData, User, Variant, global_id

Obj = dict[str, Any]
TIMESTAMP = "2025-01-01T00:00:00+00:00"


def money(amount: float, currency: str) -> Obj:
    return {"currency": currency, "amount": amount}


def taxed(amount: float, currency: str) -> Obj:
    return {
        "currency": currency,
        "gross": money(amount, currency),
        "net": money(amount, currency),
        "tax": money(0.0, currency),
    }


def with_metadata(obj: Obj, items: dict[str, str]) -> Obj:
    obj.update(
        {
            "metadata": [{"key": k, "value": v} for k, v in items.items()],
            "privateMetadata": [],
            "metafield": lambda _info, key: items.get(key),
            "metafields": lambda _info, keys=None: {
                k: v for k, v in items.items() if keys is None or k in keys
            },
            "privateMetafield": lambda _info, key: None,
            "privateMetafields": lambda _info, keys=None: {},
        }
    )
    return obj


def connection(
    items: Sequence[Obj], first: int | None = None, after: str | None = None, **_: Any
) -> Obj:
    start = int(base64.b64decode(after).decode()) + 1 if after else 0
    end = len(items) if first is None else min(len(items), start + first)

    def cursor(i: int) -> str:
        return base64.b64encode(str(i).encode()).decode()

    edges = [{"node": items[i], "cursor": cursor(i)} for i in range(start, end)]
    return {
        "edges": edges,
        "totalCount": len(items),
        "pageInfo": {
            "hasNextPage": end < len(items),
            "hasPreviousPage": start > 0,
            "startCursor": edges[0]["cursor"] if edges else None,
            "endCursor": edges[-1]["cursor"] if edges else None,
        },
    }


def paginated(items: Callable[[], Sequence[Obj]]) -> Callable[..., Obj]:
    return lambda _info, **args: connection(items(), args.get("first"), args.get("after"))


def category(slug: str) -> Obj:
    return with_metadata(
        {
            "id": global_id("Category", slug),
            "name": slug.title(),
            "slug": slug,
            "level": 0,
            "updatedAt": TIMESTAMP,
            "parent": None,
        },
        {},
    )


def variant_view(data: SaleorData, product: Product, variant: Variant, channel: str | None) -> Obj:
    price = variant.prices.get(channel) if channel else None
    return with_metadata(
        {
            "id": global_id("ProductVariant", variant.pk),
            "name": variant.name,
            "sku": variant.sku,
            "channel": channel,
            "trackInventory": False,
            "quantityAvailable": 100,
            "product": lambda _info: product_view(data, product, channel),
            "pricing": None
            if price is None
            else {
                "onSale": False,
                "price": taxed(price, data.currency),
                "priceUndiscounted": taxed(price, data.currency),
            },
            "media": [],
            "created": TIMESTAMP,
            "updatedAt": TIMESTAMP,
            "externalReference": None,
        },
        variant.metadata,
    )


def product_view(data: SaleorData, product: Product, channel: str | None) -> Obj:
    prices = [v.prices[channel] for v in product.variants if channel in v.prices]
    variants = [variant_view(data, product, v, channel) for v in product.variants]
    cur = data.currency
    return with_metadata(
        {
            "id": global_id("Product", product.pk),
            "name": product.name,
            "slug": product.slug,
            "channel": channel,
            "seoTitle": None,
            "seoDescription": None,
            "rating": None,
            "description": json.dumps(
                {"blocks": [{"type": "paragraph", "data": {"text": product.description}}]}
            ),
            "category": category(product.category),
            "created": TIMESTAMP,
            "updatedAt": TIMESTAMP,
            "productType": with_metadata(
                {
                    "id": global_id("ProductType", product.category),
                    "name": product.category,
                    "slug": product.category,
                    "hasVariants": True,
                    "isShippingRequired": False,
                },
                {},
            ),
            "thumbnail": lambda _info, size=None, format=None: {
                "url": f"https://saleor.example/thumbnails/{product.slug}.png",
                "alt": product.name,
            },
            "pricing": None
            if not prices
            else {
                "onSale": False,
                "discount": None,
                "displayGrossPrices": True,
                "priceRange": {"start": taxed(min(prices), cur), "stop": taxed(max(prices), cur)},
                "priceRangeUndiscounted": {
                    "start": taxed(min(prices), cur),
                    "stop": taxed(max(prices), cur),
                },
            },
            "variants": variants,
            "defaultVariant": variants[0] if variants else None,
            "productVariants": paginated(lambda: variants),
            "media": [],
            "collections": [],
            "isAvailableForPurchase": bool(prices),
            "mediaById": lambda _info, id: None,
            "externalReference": None,
        },
        product.metadata,
    )


def user_view(data: SaleorData, user: User) -> Obj:
    return with_metadata(
        {
            "id": global_id("User", user.pk),
            "email": user.email,
            "firstName": user.first_name,
            "lastName": user.last_name,
            "isStaff": user.is_staff,
            "isActive": user.is_active,
            "addresses": [],
            "dateJoined": TIMESTAMP,
            "avatar": lambda _info, size=None, format=None: None,
            "orders": paginated(
                lambda: [order_view(data, o) for o in data.orders if o.user_pk == user.pk]
            ),
        },
        user.metadata,
    )


def order_view(data: SaleorData, order: Order) -> Obj:
    lines = []
    total = 0.0
    for line in order.lines:
        found = data.variant(line.variant_pk)
        if found is None:
            continue
        product, variant = found
        unit = variant.prices.get(order.channel, 0.0)
        total += unit * line.quantity
        lines.append(
            with_metadata(
                {
                    "id": global_id("OrderLine", line.pk),
                    "productName": product.name,
                    "variantName": variant.name,
                    "productSku": variant.sku,
                    "productVariantId": global_id("ProductVariant", variant.pk),
                    "isShippingRequired": False,
                    "quantity": line.quantity,
                    "quantityFulfilled": 0,
                    "unitPrice": taxed(unit, data.currency),
                    "totalPrice": taxed(unit * line.quantity, data.currency),
                    "thumbnail": lambda _info, size=None, format=None: None,
                    "variant": variant_view(data, product, variant, order.channel),
                },
                {},
            )
        )
    user = data.user(order.user_pk) if order.user_pk is not None else None
    return with_metadata(
        {
            "id": global_id("Order", order.pk),
            "number": order.number,
            "status": order.status,
            "userEmail": order.user_email,
            "user": user_view(data, user) if user else None,
            "lines": lines,
            "isPaid": order.is_paid,
            "total": taxed(total, data.currency),
            "subtotal": taxed(total, data.currency),
            "created": TIMESTAMP,
            "updatedAt": TIMESTAMP,
        },
        order.metadata,
    )
