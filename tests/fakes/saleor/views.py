"""Shape the fake's data like Saleor's GraphQL objects (dicts for graphql-core's resolver)."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from typing import Any

from graphql import FieldNode, GraphQLError, GraphQLResolveInfo

from tests.fakes.saleor.data import (
    Category,
    Channel,
    Order,
    Product,
    ProductType,
    SaleorData,
    User,
    Variant,
    global_id,
)

Obj = dict[str, Any]
TIMESTAMP = "2025-01-01T00:00:00+00:00"
PAGINATION_LIMIT = 100  # Saleor's GRAPHQL_PAGINATION_LIMIT


def money(amount: float, currency: str) -> Obj:
    return {"currency": currency, "amount": amount}


def taxed(amount: float, currency: str) -> Obj:
    return {
        "currency": currency,
        "gross": money(amount, currency),
        "net": money(amount, currency),
        "tax": money(0.0, currency),
    }


def editorjs(text: str) -> str:
    """Saleor's rich text (EditorJS JSON) holding one paragraph."""
    return json.dumps({"blocks": [{"type": "paragraph", "data": {"text": text}}]})


def with_metadata(obj: Obj, items: dict[str, str], private: dict[str, str] | None = None) -> Obj:
    hidden = private or {}
    obj.update(
        {
            "metadata": [{"key": k, "value": v} for k, v in items.items()],
            "privateMetadata": [{"key": k, "value": v} for k, v in hidden.items()],
            "metafield": lambda _info, key: items.get(key),
            "metafields": lambda _info, keys=None: {
                k: v for k, v in items.items() if keys is None or k in keys
            },
            "privateMetafield": lambda _info, key: hidden.get(key),
            "privateMetafields": lambda _info, keys=None: {
                k: v for k, v in hidden.items() if keys is None or k in keys
            },
        }
    )
    return obj


# ---------------------------------------------------------------------------- connections


def _cursor(index: int) -> str:
    return base64.b64encode(json.dumps([index]).encode()).decode()


def _index(cursor: str) -> int:
    try:
        [index] = json.loads(base64.b64decode(cursor, validate=True))
    except (ValueError, binascii.Error, TypeError) as error:
        raise GraphQLError("Received cursor is invalid.") from error
    if not isinstance(index, int):
        raise GraphQLError("Received cursor is invalid.")
    return index


def _selects_edges(info: GraphQLResolveInfo[Any] | None) -> bool:
    if info is None:
        return True
    for node in info.field_nodes:
        for selection in node.selection_set.selections if node.selection_set else ():
            if not isinstance(selection, FieldNode) or selection.name.value == "edges":
                return True  # fragments: assume they select edges, as Saleor mostly does
    return False


def connection(
    items: Sequence[Obj],
    first: int | None = None,
    after: str | None = None,
    info: GraphQLResolveInfo[Any] | None = None,
    last: int | None = None,
    before: str | None = None,
    **_: Any,
) -> Obj:
    """A Relay connection over `items`, with Saleor's argument rules
    (saleor.graphql.core.connection): `first` or `last` is required when edges are selected,
    at most 100, and never `first` with `before` or `last` with `after`."""
    name = info.field_name if info is not None else "connection"
    if first is not None and first < 0:
        raise GraphQLError("Argument `first` must be a non-negative integer.")
    if last is not None and last < 0:
        raise GraphQLError("Argument `last` must be a non-negative integer.")
    if first and last:
        raise GraphQLError("Argument `last` cannot be combined with `first`.")
    if first and before:
        raise GraphQLError("Argument `first` cannot be combined with `before`.")
    if last and after:
        raise GraphQLError("Argument `last` cannot be combined with `after`.")
    if info is not None and not (first or last) and _selects_edges(info):
        raise GraphQLError(
            f"You must provide a `first` or `last` value to properly paginate the `{name}` "
            "connection."
        )
    for argument, value in (("first", first), ("last", last)):
        if value is not None and value > PAGINATION_LIMIT:
            raise GraphQLError(
                f"Requesting {value} records on the `{name}` connection exceeds the "
                f"`{argument}` limit of {PAGINATION_LIMIT} records."
            )
    start = _index(after) + 1 if after else 0
    end = _index(before) if before else len(items)
    start, end = max(0, start), min(len(items), end)
    window = list(range(start, max(start, end)))
    if first is not None:
        window = window[:first]
    elif last is not None:
        window = window[-last:] if last else []
    edges = [{"node": items[i], "cursor": _cursor(i)} for i in window]
    return {
        "edges": edges,
        "totalCount": len(items),
        "pageInfo": {
            "hasNextPage": bool(window) and window[-1] < len(items) - 1,
            "hasPreviousPage": bool(window) and window[0] > 0,
            "startCursor": edges[0]["cursor"] if edges else None,
            "endCursor": edges[-1]["cursor"] if edges else None,
        },
    }


def paginated(items: Callable[[], Sequence[Obj]]) -> Callable[..., Obj]:
    return lambda info, **args: connection(items(), info=info, **args)


# ---------------------------------------------------------------------------- channels, types


def channel_view(channel: Channel) -> Obj:
    return with_metadata(
        {
            "id": channel.id,
            "slug": channel.slug,
            "name": channel.name,
            "isActive": channel.is_active,
            "currencyCode": channel.currency,
        },
        {},
    )


def product_type_view(product_type: ProductType) -> Obj:
    return with_metadata(
        {
            "id": product_type.id
            if product_type.pk
            else global_id("ProductType", product_type.slug),
            "name": product_type.name,
            "slug": product_type.slug,
            "hasVariants": product_type.has_variants,
            "isShippingRequired": product_type.is_shipping_required,
            "isDigital": product_type.is_digital,
            "kind": product_type.kind,
        },
        product_type.metadata,
    )


def category_view(data: SaleorData, slug: str) -> Obj:
    found = data.category(slug) or Category(0, slug.title(), slug)
    return with_metadata(
        {
            "id": found.id if found.pk else global_id("Category", slug),
            "name": found.name,
            "slug": found.slug,
            "description": found.description,
            "seoTitle": None,
            "seoDescription": None,
            "level": 0,
            "updatedAt": TIMESTAMP,
            "parent": None,
            "backgroundImage": lambda _info, size=None, format=None: None,
            "products": paginated(
                lambda: [product_view(data, p, None) for p in data.products if p.category == slug]
            ),
        },
        {},
    )


# ---------------------------------------------------------------------------- catalog


def _pricing(price: float, currency: str) -> Obj:
    return {
        "onSale": False,
        "discount": None,
        "price": taxed(price, currency),
        "priceUndiscounted": taxed(price, currency),
    }


def variant_view(data: SaleorData, product: Product, variant: Variant, channel: str | None) -> Obj:
    price = variant.prices.get(channel) if channel else None
    currency = _currency(data, channel)
    return with_metadata(
        {
            "id": variant.id,
            "name": variant.name,
            "sku": variant.sku,
            "channel": channel,
            "trackInventory": variant.track_inventory,
            "quantityLimitPerCustomer": None,
            "quantityAvailable": lambda _info, **_a: None if variant.track_inventory else 100,
            "product": lambda _info: product_view(data, product, channel),
            "pricing": lambda _info, address=None: (
                None if price is None else _pricing(price, currency)
            ),
            "channelListings": [
                {
                    "id": global_id("ProductVariantChannelListing", f"{variant.pk}-{slug}"),
                    "channel": channel_view(data.channel(slug) or _unknown_channel(slug)),
                    "price": money(amount, _currency(data, slug)),
                }
                for slug, amount in variant.prices.items()
            ],
            "media": [],
            "created": TIMESTAMP,
            "updatedAt": TIMESTAMP,
            "externalReference": variant.external_reference,
        },
        variant.metadata,
    )


def _unknown_channel(slug: str) -> Channel:
    return Channel(0, slug, slug)


def _currency(data: SaleorData, channel: str | None) -> str:
    found = data.channel(channel) if channel else None
    return found.currency if found else data.currency


def product_view(data: SaleorData, product: Product, channel: str | None) -> Obj:
    prices = [v.prices[channel] for v in product.variants if channel in v.prices]
    variants = [variant_view(data, product, v, channel) for v in product.variants]
    listing = product.listing(channel)
    cur = _currency(data, channel)
    price_range = (
        {"start": taxed(min(prices), cur), "stop": taxed(max(prices), cur)} if prices else None
    )
    listings = (
        product.listings
        if product.listings is not None
        else {slug: product.listing(slug) for v in product.variants for slug in v.prices}
    )
    return with_metadata(
        {
            "id": product.id,
            "name": product.name,
            "slug": product.slug,
            "channel": channel,
            "seoTitle": None,
            "seoDescription": None,
            "rating": product.rating,
            "description": editorjs(product.description),
            "category": category_view(data, product.category) if product.category else None,
            "created": TIMESTAMP,
            "updatedAt": TIMESTAMP,
            "productType": product_type_view(data.type_of(product)),
            "thumbnail": lambda _info, size=None, format=None: {
                "url": f"https://saleor.example/thumbnails/{product.slug}.png",
                "alt": product.name,
            },
            "pricing": lambda _info, address=None: (
                None
                if not prices
                else {
                    "onSale": False,
                    "discount": None,
                    "displayGrossPrices": True,
                    "priceRange": price_range,
                    "priceRangeUndiscounted": price_range,
                }
            ),
            "variants": variants,
            "defaultVariant": variants[0] if variants else None,
            "productVariants": paginated(lambda: variants),
            "media": [],
            "collections": [],
            "channelListings": [
                {
                    "id": global_id("ProductChannelListing", f"{product.pk}-{slug}"),
                    "channel": channel_view(data.channel(slug) or _unknown_channel(slug)),
                    "isPublished": found.is_published,
                    "publishedAt": TIMESTAMP if found.is_published else None,
                    "visibleInListings": found.visible_in_listings,
                    "isAvailableForPurchase": found.is_available_for_purchase,
                    "availableForPurchaseAt": TIMESTAMP
                    if found.is_available_for_purchase
                    else None,
                }
                for slug, found in listings.items()
                if found is not None
            ],
            "isAvailable": lambda _info, address=None: bool(
                listing and listing.is_available_for_purchase and prices
            ),
            "isAvailableForPurchase": bool(listing and listing.is_available_for_purchase),
            "availableForPurchaseAt": TIMESTAMP
            if listing and listing.is_available_for_purchase
            else None,
            "mediaById": lambda _info, id=None: None,
            "externalReference": product.external_reference,
        },
        product.metadata,
    )


# ---------------------------------------------------------------------------- people, orders


def address_view(address: dict[str, Any] | None) -> Obj | None:
    if address is None:
        return None
    country = address.get("country") or ""
    return with_metadata(
        {
            "id": global_id("Address", address.get("pk", 0)),
            **{
                key: address.get(key) or ""
                for key in (
                    "firstName",
                    "lastName",
                    "companyName",
                    "streetAddress1",
                    "streetAddress2",
                    "city",
                    "cityArea",
                    "postalCode",
                    "countryArea",
                )
            },
            "phone": address.get("phone"),
            "country": {"code": country, "country": country},
        },
        {},
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
    currency = _currency(data, order.channel)
    for line in order.lines:
        found = data.variant(line.variant_pk)
        if found is None:
            continue
        product, variant = found
        unit = (
            line.unit_price
            if line.unit_price is not None
            else variant.prices.get(order.channel, 0.0)
        )
        total += unit * line.quantity
        shipping = data.type_of(product).is_shipping_required
        lines.append(
            with_metadata(
                {
                    "id": global_id("OrderLine", line.pk),
                    "productName": product.name,
                    "variantName": variant.name,
                    "productSku": variant.sku,
                    "productVariantId": variant.id,
                    "isShippingRequired": shipping,
                    "quantity": line.quantity,
                    "quantityFulfilled": 0,
                    "unitPrice": taxed(unit, currency),
                    "totalPrice": taxed(unit * line.quantity, currency),
                    "thumbnail": lambda _info, size=None, format=None: None,
                    "variant": variant_view(data, product, variant, order.channel),
                },
                {},
            )
        )
    user = data.user(order.user_pk) if order.user_pk is not None else None
    channel = data.channel(order.channel) or _unknown_channel(order.channel)
    return with_metadata(
        {
            "id": order.id,
            "number": order.number,
            "status": order.status,
            "userEmail": order.user_email,
            "user": user_view(data, user) if user else None,
            "channel": channel_view(channel),
            "lines": lines,
            "isPaid": order.is_paid,
            "paymentStatus": "FULLY_CHARGED" if order.is_paid else "NOT_CHARGED",
            "isShippingRequired": any(line["isShippingRequired"] for line in lines),
            "total": taxed(total, currency),
            "totalCharged": money(total if order.is_paid else 0.0, currency),
            "subtotal": taxed(total, currency),
            "created": TIMESTAMP,
            "updatedAt": TIMESTAMP,
        },
        order.metadata,
    )
