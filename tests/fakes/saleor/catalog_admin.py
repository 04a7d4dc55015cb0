"""The fake's catalog mutations, as Saleor 3.22 validates them (saleor/graphql/product/
mutations): product types, categories, products, variants and their channel listings."""

from __future__ import annotations

import json
import re
from typing import Any

from tests.fakes.saleor.caller import Info, MutationError, caller_of, mutation, node_pk, not_found
from tests.fakes.saleor.data import (
    Category,
    Listing,
    Product,
    ProductType,
    SaleorData,
    Variant,
)
from tests.fakes.saleor.views import (
    Obj,
    category_view,
    product_type_view,
    product_view,
    variant_view,
)

PRODUCT_ERROR = ("attributes", "values")
LISTING_ERROR = ("attributes", "values", "channels", "variants")


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _unique_slug(wanted: str | None, name: str, taken: set[str], what: str) -> str:
    """saleor.graphql.core.validators.validate_slug_and_generate_if_needed."""
    if wanted is not None:
        slug = slugify(wanted)
        if not slug:
            raise MutationError("slug", "Slug value cannot be blank.", "REQUIRED")
        if slug in taken:
            raise MutationError("slug", f"{what} with this Slug already exists.", "UNIQUE")
        return slug
    base = slugify(name) or what.lower().replace(" ", "-")
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def _required_name(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise MutationError("name", "This field cannot be blank.", "REQUIRED")
    return value.strip()


def _description_text(value: Any) -> str:
    """The text of an EditorJS JSON description (what the fake keeps)."""
    if value is None:
        return ""
    try:
        blocks = json.loads(value)["blocks"] if isinstance(value, str) else value["blocks"]
        return " ".join(str(b.get("data", {}).get("text", "")) for b in blocks)
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise MutationError("description", "Invalid JSON description.", "INVALID") from error


class CatalogAdmin:
    def __init__(self, data: SaleorData) -> None:
        self.data = data

    # ------------------------------------------------------------------ product types

    @mutation("productType", PRODUCT_ERROR)
    async def product_type_create(self, _root: Any, info: Info, input: dict[str, Any]) -> Obj:
        caller_of(info).require("MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES")
        name = _required_name(input.get("name"))
        taken = {t.slug for t in self.data.product_types}
        product_type = ProductType(
            self.data.next_pk("product_type"),
            name,
            _unique_slug(input.get("slug"), name, taken, "Product type"),
        )
        self._apply_type(product_type, input)
        self.data.product_types.append(product_type)
        return {"errors": [], "productType": product_type_view(product_type)}

    @mutation("productType", PRODUCT_ERROR)
    async def product_type_update(
        self, _root: Any, info: Info, id: str, input: dict[str, Any]
    ) -> Obj:
        caller_of(info).require("MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES")
        product_type = self.data.product_type(pk=node_pk(id, "ProductType", "id"))
        if product_type is None:
            raise not_found("id", id)
        if input.get("name") is not None:
            product_type.name = _required_name(input["name"])
        if input.get("slug") is not None:
            taken = {t.slug for t in self.data.product_types if t is not product_type}
            product_type.slug = _unique_slug(
                input["slug"], product_type.name, taken, "Product type"
            )
        self._apply_type(product_type, input)
        return {"errors": [], "productType": product_type_view(product_type)}

    def _apply_type(self, product_type: ProductType, given: dict[str, Any]) -> None:
        for key, attribute in (
            ("kind", "kind"),
            ("hasVariants", "has_variants"),
            ("isShippingRequired", "is_shipping_required"),
            ("isDigital", "is_digital"),
        ):
            if given.get(key) is not None:
                setattr(product_type, attribute, given[key])

    # ------------------------------------------------------------------ categories

    @mutation("category", PRODUCT_ERROR)
    async def category_create(
        self, _root: Any, info: Info, input: dict[str, Any], parent: str | None = None
    ) -> Obj:
        caller_of(info).require("MANAGE_PRODUCTS")
        name = _required_name(input.get("name"))
        taken = {c.slug for c in self.data.categories}
        category = Category(
            self.data.next_pk("category"),
            name,
            _unique_slug(input.get("slug"), name, taken, "Category"),
            input.get("description"),
        )
        self.data.categories.append(category)
        return {"errors": [], "category": category_view(self.data, category.slug)}

    # ------------------------------------------------------------------ products

    @mutation("product", PRODUCT_ERROR)
    async def product_create(self, _root: Any, info: Info, input: dict[str, Any]) -> Obj:
        caller_of(info).require("MANAGE_PRODUCTS")
        product_type = self.data.product_type(
            pk=node_pk(input["productType"], "ProductType", "productType")
        )
        if product_type is None:
            raise not_found("productType", input["productType"])
        name = _required_name(input.get("name"))
        taken = {p.slug for p in self.data.products}
        slug = _unique_slug(input.get("slug"), name, taken, "Product")
        product = Product(
            self.data.next_pk("product"),
            name,
            slug,
            self._category_slug(input.get("category")),
            [],
            _description_text(input.get("description")),
            _metadata(input.get("metadata")),
            product_type=product_type.slug,
            listings={},
            external_reference=self._external_reference(input.get("externalReference"), None),
        )
        self.data.products.append(product)
        return {"errors": [], "product": product_view(self.data, product, None)}

    @mutation("product", PRODUCT_ERROR)
    async def product_update(
        self,
        _root: Any,
        info: Info,
        input: dict[str, Any],
        id: str | None = None,
        externalReference: str | None = None,
    ) -> Obj:
        caller_of(info).require("MANAGE_PRODUCTS")
        product = self._product(id, externalReference)
        if input.get("name") is not None:
            product.name = _required_name(input["name"])
        if input.get("slug") is not None:
            taken = {p.slug for p in self.data.products if p is not product}
            product.slug = _unique_slug(input["slug"], product.name, taken, "Product")
        if "description" in input:
            product.description = _description_text(input["description"])
        if input.get("category") is not None:
            product.category = self._category_slug(input["category"])
        if input.get("metadata") is not None:
            product.metadata.update(_metadata(input["metadata"]))
        if "externalReference" in input:
            product.external_reference = self._external_reference(
                input["externalReference"], product
            )
        product.touch()
        return {"errors": [], "product": product_view(self.data, product, None)}

    @mutation("product", LISTING_ERROR)
    async def product_channel_listing_update(
        self, _root: Any, info: Info, id: str, input: dict[str, Any]
    ) -> Obj:
        caller_of(info).require("MANAGE_PRODUCTS")
        product = self._product(id, None)
        updates = input.get("updateChannels") or []
        slugs = [self._channel_slug(u["channelId"], "updateChannels") for u in updates]
        publishing = [
            u["channelId"]
            for u in updates
            if u.get("isPublished") is True or u.get("isAvailableForPurchase") is True
        ]
        if publishing and product.category is None:
            raise MutationError(
                "isPublished",
                "You must select a category to be able to publish.",
                "PRODUCT_WITHOUT_CATEGORY",
                {"channels": publishing},
            )
        listings = product.listings if product.listings is not None else {}
        for slug, update in zip(slugs, updates, strict=True):
            current = listings.get(slug) or Listing(False, False, False)
            for key, attribute in (
                ("isPublished", "is_published"),
                ("visibleInListings", "visible_in_listings"),
                ("isAvailableForPurchase", "is_available_for_purchase"),
            ):
                if update.get(key) is not None:
                    setattr(current, attribute, update[key])
            listings[slug] = current
        for removed in input.get("removeChannels") or []:
            slug = self._channel_slug(removed, "removeChannels")
            listings.pop(slug, None)
            for variant in product.variants:
                variant.prices.pop(slug, None)
        product.listings = listings
        product.touch()
        return {"errors": [], "product": product_view(self.data, product, None)}

    def _product(self, id: str | None, external_reference: str | None) -> Product:
        if id is not None:
            found = self.data.product(node_pk(id, "Product", "id"))
        else:
            found = next(
                (p for p in self.data.products if p.external_reference == external_reference),
                None,
            )
        if found is None:
            raise not_found(
                "id" if id is not None else "externalReference", str(id or external_reference)
            )
        return found

    def _category_slug(self, category_id: Any) -> str | None:
        if category_id is None:
            return None
        found = self.data.category(pk=node_pk(category_id, "Category", "category"))
        if found is None:
            raise not_found("category", str(category_id))
        return found.slug

    def _channel_slug(self, channel_id: str, field: str) -> str:
        found = self.data.channel(pk=node_pk(channel_id, "Channel", field))
        if found is None:
            raise not_found(field, channel_id)
        return found.slug

    def _external_reference(self, value: str | None, owner: Product | None) -> str | None:
        if value is not None and any(
            p.external_reference == value and p is not owner for p in self.data.products
        ):
            raise MutationError(
                "externalReference",
                "Product with this External reference already exists.",
                "UNIQUE",
            )
        return value

    # ------------------------------------------------------------------ variants

    @mutation("productVariant", PRODUCT_ERROR)
    async def product_variant_create(self, _root: Any, info: Info, input: dict[str, Any]) -> Obj:
        caller_of(info).require("MANAGE_PRODUCTS")
        product = self.data.product(node_pk(input["product"], "Product", "product"))
        if product is None:
            raise not_found("product", input["product"])
        sku = self._free_sku(input.get("sku"), None)
        variant = Variant(
            self.data.next_pk("variant"),
            input.get("name") or "",
            sku,
            {},
            _metadata(input.get("metadata")),
            track_inventory=input.get("trackInventory", True) is not False,
            external_reference=input.get("externalReference"),
        )
        product.variants.append(variant)
        product.touch()
        return {"errors": [], "productVariant": variant_view(self.data, product, variant, None)}

    @mutation("productVariant", PRODUCT_ERROR)
    async def product_variant_update(
        self,
        _root: Any,
        info: Info,
        input: dict[str, Any],
        id: str | None = None,
        sku: str | None = None,
        externalReference: str | None = None,
    ) -> Obj:
        caller_of(info).require("MANAGE_PRODUCTS")
        product, variant = self._variant(id, sku)
        if input.get("name") is not None:
            variant.name = input["name"]
        if "sku" in input:
            variant.sku = self._free_sku(input["sku"], variant)
        if input.get("trackInventory") is not None:
            variant.track_inventory = input["trackInventory"]
        if input.get("metadata") is not None:
            variant.metadata.update(_metadata(input["metadata"]))
        product.touch()
        return {"errors": [], "productVariant": variant_view(self.data, product, variant, None)}

    @mutation("variant", LISTING_ERROR)
    async def product_variant_channel_listing_update(
        self,
        _root: Any,
        info: Info,
        input: list[dict[str, Any]],
        id: str | None = None,
        sku: str | None = None,
    ) -> Obj:
        caller_of(info).require("MANAGE_PRODUCTS")
        product, variant = self._variant(id, sku)
        prices: dict[str, float] = {}
        not_listed = []
        for item in input:
            slug = self._channel_slug(item["channelId"], "channelId")
            if product.listing(slug) is None and (product.listings is not None):
                not_listed.append(item["channelId"])
            prices[slug] = float(item["price"])
        if not_listed:
            raise MutationError(
                "input",
                "Product not available in channels.",
                "PRODUCT_NOT_ASSIGNED_TO_CHANNEL",
                {"channels": not_listed},
            )
        variant.prices.update(prices)
        product.touch()
        return {"errors": [], "variant": variant_view(self.data, product, variant, None)}

    def _variant(self, id: str | None, sku: str | None) -> tuple[Product, Variant]:
        if id is not None:
            found = self.data.variant(node_pk(id, "ProductVariant", "id"))
        elif sku is not None:
            found = self.data.variant_by_sku(sku)
        else:
            raise MutationError(
                None, "At least one of arguments is required: 'id', 'sku'.", "GRAPHQL_ERROR"
            )
        if found is None:
            raise not_found("id" if id is not None else "sku", str(id or sku))
        return found

    def _free_sku(self, sku: str | None, owner: Variant | None) -> str | None:
        if sku is None:
            return None
        found = self.data.variant_by_sku(sku)
        if found is not None and found[1] is not owner:
            raise MutationError("sku", "Product variant with this SKU already exists.", "UNIQUE")
        return sku


def _metadata(items: list[dict[str, str]] | None) -> dict[str, str]:
    result: dict[str, str] = {}
    for item in items or []:
        if not item["key"].strip():
            raise MutationError("metadata", "Metadata key cannot be empty.", "REQUIRED")
        result[item["key"]] = item["value"]
    return result
