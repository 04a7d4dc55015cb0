"""The fake's catalog queries: products (channel, `filter` or `where`, `search`, `sortBy`,
pagination), product types, categories, channels — with Saleor 3.22's visibility rules
(saleor/graphql/product/schema.py): without MANAGE_PRODUCTS a caller sees only what is
published in a channel (the only one, when none is named), and lists show only what is visible
in listings. A filter the fake does not implement is an error, never silently ignored."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from graphql import GraphQLError

from tests.fakes.saleor.caller import Caller, Info, caller_of, permission_denied
from tests.fakes.saleor.data import Product, SaleorData
from tests.fakes.saleor.data_ids import pk_of
from tests.fakes.saleor.views import (
    Obj,
    category_view,
    channel_view,
    connection,
    product_type_view,
    product_view,
)

# Saleor's ALL_PRODUCTS_PERMISSIONS: who sees unpublished products.
PRODUCT_STAFF = ("MANAGE_DISCOUNTS", "MANAGE_ORDERS", "MANAGE_PRODUCTS")


def _query_pk(value: str, expected: str) -> str:
    try:
        return pk_of(value, expected)
    except ValueError as error:
        raise GraphQLError(str(error)) from error


def default_channel(data: SaleorData) -> str:
    """saleor.graphql.channel.utils.get_default_channel_slug_or_graphql_error."""
    active = [c for c in data.channels if c.is_active]
    if len(active) != 1:
        raise GraphQLError(
            "A default channel does not exist. Provide a channel slug in the `channel` argument."
        )
    return active[0].slug


class Catalog:
    def __init__(self, data: SaleorData) -> None:
        self.data = data

    # ------------------------------------------------------------------ visibility

    def _channel_for(self, caller: Caller, channel: str | None) -> str | None:
        if channel is None and not caller.permissions & set(PRODUCT_STAFF):
            return default_channel(self.data)
        if channel is not None and self.data.channel(channel) is None:
            return channel  # Saleor answers an unknown channel with nothing, not an error
        return channel

    def _visible(
        self, caller: Caller, product: Product, channel: str | None, listing: bool
    ) -> bool:
        if caller.permissions & set(PRODUCT_STAFF):
            return channel is None or product.listing(channel) is not None
        found = product.listing(channel)
        if found is None or not found.is_published:
            return False
        return found.visible_in_listings or not listing

    # ------------------------------------------------------------------ products

    def product(
        self,
        _root: Any,
        info: Info,
        id: str | None = None,
        slug: str | None = None,
        externalReference: str | None = None,
        channel: str | None = None,
        **_: Any,
    ) -> Obj | None:
        caller = caller_of(info)
        channel = self._channel_for(caller, channel)
        pk = _query_pk(id, "Product") if id else None
        for product in self.data.products:
            matches = (
                (pk is not None and str(product.pk) == pk)
                or (slug is not None and product.slug == slug)
                or (
                    externalReference is not None
                    and product.external_reference == externalReference
                )
            )
            if matches and self._visible(caller, product, channel, listing=False):
                return product_view(self.data, product, channel)
        return None

    def products(
        self,
        _root: Any,
        info: Info,
        channel: str | None = None,
        search: str | None = None,
        filter: dict[str, Any] | None = None,
        where: dict[str, Any] | None = None,
        sortBy: dict[str, Any] | None = None,
        **args: Any,
    ) -> Obj:
        if filter and where:
            raise GraphQLError("Only one filtering argument (filter or where) can be specified.")
        caller = caller_of(info)
        channel = self._channel_for(caller, channel)
        found = [p for p in self.data.products if self._visible(caller, p, channel, listing=True)]
        if search:
            found = [p for p in found if _searched(p, search)]
        if filter:
            found = [p for p in found if self._filter(p, filter, channel)]
        if where:
            found = [p for p in found if self._where(p, where, channel)]
        found = self._sorted(found, sortBy, channel, searching=bool(search))
        return connection([product_view(self.data, p, channel) for p in found], info=info, **args)

    def _filter(self, product: Product, given: dict[str, Any], channel: str | None) -> bool:
        """ProductFilterInput (deprecated in 3.22 but served)."""
        checks: dict[str, Callable[[Any], bool]] = {
            "search": lambda v: _searched(product, v),
            "ids": lambda v: str(product.pk) in {_query_pk(i, "Product") for i in v},
            "slugs": lambda v: product.slug in v,
            "categories": lambda v: (
                self._category_pk(product) in {_query_pk(i, "Category") for i in v}
            ),
            "productTypes": lambda v: (
                self._type_pk(product) in {_query_pk(i, "ProductType") for i in v}
            ),
            "isPublished": lambda v: self._published(product, channel) == v,
            "isAvailable": lambda v: self._available(product, channel) == v,
            "isVisibleInListing": lambda v: self._listed(product, channel) == v,
            "hasCategory": lambda v: (product.category is not None) == v,
            "price": lambda v: _in_range(_prices(product, channel), v),
            "minimalPrice": lambda v: _in_range(_prices(product, channel)[:1], v),
            "metadata": lambda v: _metadata_matches(product.metadata, v),
            "channel": lambda v: True,  # deprecated: the root argument wins
        }
        return _all_hold(given, checks, "ProductFilterInput")

    def _where(self, product: Product, given: dict[str, Any], channel: str | None) -> bool:
        """ProductWhereInput, with AND / OR."""
        checks: dict[str, Callable[[Any], bool]] = {
            "ids": lambda v: str(product.pk) in {_query_pk(i, "Product") for i in v},
            "name": lambda v: _string_matches(product.name, v),
            "slug": lambda v: _string_matches(product.slug, v),
            "productType": lambda v: _id_matches(self._type_pk(product), v, "ProductType"),
            "category": lambda v: _id_matches(self._category_pk(product), v, "Category"),
            "isPublished": lambda v: self._published(product, channel) == v,
            "isAvailable": lambda v: self._available(product, channel) == v,
            "isVisibleInListing": lambda v: self._listed(product, channel) == v,
            "hasCategory": lambda v: (product.category is not None) == v,
            "price": lambda v: any(_decimal_matches(p, v) for p in _prices(product, channel)),
            "minimalPrice": lambda v: any(
                _decimal_matches(p, v) for p in _prices(product, channel)[:1]
            ),
            "metadata": lambda v: _metadata_matches(product.metadata, v),
            "AND": lambda v: all(self._where(product, w, channel) for w in v),
            "OR": lambda v: any(self._where(product, w, channel) for w in v),
        }
        return _all_hold(given, checks, "ProductWhereInput")

    def _sorted(
        self,
        found: list[Product],
        sort_by: dict[str, Any] | None,
        channel: str | None,
        searching: bool,
    ) -> list[Product]:
        """Saleor's default order is the product's slug (Product.Meta.ordering)."""
        ordered = sorted(found, key=lambda p: p.slug)
        if not sort_by:
            return ordered
        field = sort_by.get("field") or ("RANK" if searching else "NAME")
        keys: dict[str, Callable[[Product], Any]] = {
            "NAME": lambda p: (p.name, p.slug),
            "RANK": lambda p: (p.name, p.slug),
            "PRICE": lambda p: (min(_prices(p, channel), default=0.0), p.slug),
            "MINIMAL_PRICE": lambda p: (min(_prices(p, channel), default=0.0), p.slug),
            "CREATED_AT": lambda p: p.sequence,
            "LAST_MODIFIED_AT": lambda p: p.sequence,
            "RATING": lambda p: (p.rating or 0.0, p.slug),
            "TYPE": lambda p: (self.data.type_of(p).name, p.slug),
        }
        if field not in keys:
            raise GraphQLError(f"the Saleor fake does not sort products by {field}")
        if field in ("PRICE", "MINIMAL_PRICE") and channel is None:
            raise GraphQLError(
                "A default channel does not exist. Provide a channel slug in the `channel` "
                "argument."
            )
        return sorted(ordered, key=keys[field], reverse=sort_by.get("direction") == "DESC")

    def _category_pk(self, product: Product) -> str | None:
        found = self.data.category(product.category) if product.category else None
        return str(found.pk) if found else product.category

    def _type_pk(self, product: Product) -> str:
        product_type = self.data.type_of(product)
        return str(product_type.pk) if product_type.pk else product_type.slug

    def _published(self, product: Product, channel: str | None) -> bool:
        found = product.listing(channel)
        return bool(found and found.is_published)

    def _listed(self, product: Product, channel: str | None) -> bool:
        found = product.listing(channel)
        return bool(found and found.visible_in_listings)

    def _available(self, product: Product, channel: str | None) -> bool:
        found = product.listing(channel)
        return bool(found and found.is_available_for_purchase and _prices(product, channel))

    # ------------------------------------------------------------------ types, categories, channels

    def product_type(self, _root: Any, _info: Info, id: str, **_: Any) -> Obj | None:
        found = self.data.product_type(pk=_query_pk(id, "ProductType"))
        return product_type_view(found) if found else None

    def product_types(
        self, _root: Any, info: Info, filter: dict[str, Any] | None = None, **args: Any
    ) -> Obj:
        found = [
            t
            for t in self.data.product_types
            if _named_matches(filter, t.pk, t.name, t.slug, "ProductType", {"kind": t.kind})
        ]
        found.sort(key=lambda t: t.slug)  # ProductType.Meta.ordering
        return connection([product_type_view(t) for t in found], info=info, **args)

    def category(
        self, _root: Any, _info: Info, id: str | None = None, slug: str | None = None, **_: Any
    ) -> Obj | None:
        pk = _query_pk(id, "Category") if id else None
        found = self.data.category(slug, pk)
        return category_view(self.data, found.slug) if found else None

    def categories(
        self, _root: Any, info: Info, filter: dict[str, Any] | None = None, **args: Any
    ) -> Obj:
        found = [
            c
            for c in self.data.categories
            if _named_matches(filter, c.pk, c.name, c.slug, "Category", {})
        ]
        found.sort(key=lambda c: c.slug)
        return connection([category_view(self.data, c.slug) for c in found], info=info, **args)

    def channel(
        self, _root: Any, _info: Info, id: str | None = None, slug: str | None = None, **_: Any
    ) -> Obj | None:
        pk = _query_pk(id, "Channel") if id else None
        found = self.data.channel(slug, pk)
        return channel_view(found) if found else None

    def channels(self, _root: Any, info: Info) -> list[Obj]:
        """Staff and apps only (AUTHENTICATED_STAFF_USER, AUTHENTICATED_APP)."""
        caller = caller_of(info)
        user = caller.requestor()
        if caller.app is None and not (user and user.is_staff):
            raise permission_denied("AUTHENTICATED_STAFF_USER", "AUTHENTICATED_APP")
        return [channel_view(c) for c in self.data.channels]


# ---------------------------------------------------------------------------- filter helpers


def _all_hold(given: dict[str, Any], checks: dict[str, Callable[[Any], bool]], kind: str) -> bool:
    for key, value in given.items():
        if value is None:
            continue
        check = checks.get(key)
        if check is None:
            raise GraphQLError(f"the Saleor fake does not implement {kind}.{key}")
        if not check(value):
            return False
    return True


def _named_matches(
    given: dict[str, Any] | None,
    pk: int,
    name: str,
    slug: str,
    type_name: str,
    equal: dict[str, Any],
) -> bool:
    """Product type and category filters: search, slugs, ids (and equality on `equal`)."""
    checks: dict[str, Callable[[Any], bool]] = {
        "search": lambda v: v.lower() in name.lower() or v.lower() in slug.lower(),
        "slugs": lambda v: slug in v,
        "ids": lambda v: str(pk) in {_query_pk(i, type_name) for i in v},
    }
    for key, value in equal.items():
        checks[key] = _equals(value)
    return not given or _all_hold(given, checks, f"{type_name}FilterInput")


def _equals(expected: Any) -> Callable[[Any], bool]:
    return lambda value: bool(value == expected)


def _searched(product: Product, text: str) -> bool:
    needle = text.lower()
    return any(
        needle in (value or "").lower()
        for value in (product.name, product.slug, product.description)
    ) or any(needle in (v.sku or "").lower() or needle in v.name.lower() for v in product.variants)


def _prices(product: Product, channel: str | None) -> list[float]:
    return sorted(v.prices[channel] for v in product.variants if channel in v.prices)


def _in_range(prices: Iterable[float], bounds: dict[str, Any]) -> bool:
    low, high = bounds.get("gte"), bounds.get("lte")
    return any(
        (low is None or p >= float(low)) and (high is None or p <= float(high)) for p in prices
    )


def _decimal_matches(price: float, given: dict[str, Any]) -> bool:
    if given.get("eq") is not None:
        return price == float(given["eq"])
    if given.get("oneOf") is not None:
        return price in {float(v) for v in given["oneOf"]}
    return _in_range([price], given.get("range") or {})


def _string_matches(value: str, given: dict[str, Any]) -> bool:
    if given.get("eq") is not None:
        return bool(value == given["eq"])
    return value in (given.get("oneOf") or [])


def _id_matches(pk: str | None, given: dict[str, Any], expected: str) -> bool:
    if given.get("eq") is not None:
        return pk == _query_pk(given["eq"], expected)
    return pk in {_query_pk(i, expected) for i in given.get("oneOf") or []}


def _metadata_matches(items: dict[str, str], filters: list[dict[str, Any]]) -> bool:
    return all(
        f["key"] in items and (f.get("value") is None or items[f["key"]] == f["value"])
        for f in filters
    )
