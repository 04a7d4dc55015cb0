"""`cmp saleor sync`: every offering a Saleor product (the bootstrap's product type and
category), published in the price list's channel, with one variant per plan (SKU
`<offering-slug>-<plan-code>`) and per credit pack (`<offering-slug>-credits-<credits>`),
priced there; then linked back through control-plane's API (`offeringUpdate` with
`productId` and each plan's `variantId`, `creditPackSet` for the packs).

Idempotent: what already matches is kept, so a second run changes nothing. The whole price
list is checked against our offerings before anything is written; `dry_run` only reads."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from cmp.saleor.bootstrap import BootstrapOptions, StepReport
from cmp.saleor.client import GraphQLClient, Json, SetupError
from cmp.saleor.prices import CreditPack, PriceList

OFFERINGS = """query Offerings($after: String) { offerings(first: 100, after: $after) {
  edges { node { id slug name description product { id }
    plans { code name includedCredits variant { id } } } }
  pageInfo { hasNextPage endCursor } } }"""
OFFERING_UPDATE = """mutation Link($id: ID!, $input: OfferingUpdateInput!) {
  offeringUpdate(id: $id, input: $input) { offering { id } errors { field message code } } }"""
CREDIT_PACK_SET = """mutation Pack($input: CreditPackSetInput!) {
  creditPackSet(input: $input) { errors { field message code } } }"""
CREDIT_PACKS = """query Packs($variants: [_Any!]!) { _entities(representations: $variants) {
  ... on ProductVariant { id creditPack } } }"""

SETUP = """query Setup($channel: String!, $type: String!, $category: String!) {
  channel(slug: $channel) { id slug currencyCode }
  productTypes(first: 100, filter: {slugs: [$type]}) { edges { node { id slug } } }
  category(slug: $category) { id slug } }"""
PRODUCT_FIELDS = """id name slug description category { id }
  channelListings { channel { id slug } isPublished visibleInListings isAvailableForPurchase }
  variants { id sku name channelListings { channel { slug } price { amount } } }"""
PRODUCT_BY_ID = f"query Product($id: ID!) {{ product(id: $id) {{ {PRODUCT_FIELDS} }} }}"
PRODUCT_BY_SLUG = f"query Product($slug: String!) {{ product(slug: $slug) {{ {PRODUCT_FIELDS} }} }}"
VARIANT_BY_SKU = """query Variant($sku: String!) { productVariant(sku: $sku) {
  id product { id slug } } }"""
PRODUCT_CREATE = f"""mutation ProductCreate($input: ProductCreateInput!) {{
  productCreate(input: $input) {{ product {{ {PRODUCT_FIELDS} }}
    errors {{ field message code }} }} }}"""
PRODUCT_UPDATE = """mutation ProductUpdate($id: ID!, $input: ProductInput!) {
  productUpdate(id: $id, input: $input) { product { id } errors { field message code } } }"""
LISTING_UPDATE = """mutation Listing($id: ID!, $input: ProductChannelListingUpdateInput!) {
  productChannelListingUpdate(id: $id, input: $input) { product { id }
    errors { field message code channels } } }"""
VARIANT_CREATE = """mutation VariantCreate($input: ProductVariantCreateInput!) {
  productVariantCreate(input: $input) { productVariant { id } errors { field message code } } }"""
VARIANT_UPDATE = """mutation VariantUpdate($id: ID!, $input: ProductVariantInput!) {
  productVariantUpdate(id: $id, input: $input) { productVariant { id }
    errors { field message code } } }"""
VARIANT_PRICE = """mutation Price($id: ID!, $input: [ProductVariantChannelListingAddInput!]!) {
  productVariantChannelListingUpdate(id: $id, input: $input) { variant { id }
    errors { field message code channels } } }"""

UNSAVED = "(new)"  # the id of what a dry run would create


@dataclass(frozen=True)
class SyncOptions:
    product_type_slug: str = BootstrapOptions.product_type_slug
    category_slug: str = BootstrapOptions.category_slug


class SyncReport(StepReport):
    """The steps of a catalogue sync."""


@dataclass(frozen=True)
class _Sellable:
    """A variant the offering's product must have: a plan or a credit pack."""

    sku: str
    name: str
    price: Decimal
    plan: Json | None = None
    pack: CreditPack | None = None


def _description(text: str | None) -> str:
    """Saleor's rich text (EditorJS JSON) of a plain description."""
    blocks = [{"type": "paragraph", "data": {"text": text}}] if text else []
    return json.dumps({"blocks": blocks})


def _description_text(value: Any) -> str:
    try:
        blocks = json.loads(value)["blocks"] if value else []
        return " ".join(str(b.get("data", {}).get("text", "")) for b in blocks)
    except (ValueError, KeyError, TypeError, AttributeError):
        return ""


def read_offerings(api: GraphQLClient) -> list[Json]:
    offerings: list[Json] = []
    after: str | None = None
    while True:
        page = api.query(OFFERINGS, {"after": after})["offerings"]
        offerings += [edge["node"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            return offerings
        after = page["pageInfo"]["endCursor"]


def check_prices(offerings: list[Json], prices: PriceList, partial: bool = False) -> None:
    """Every plan of every offering priced, nothing priced that does not exist (`partial`:
    offerings left out of this run may be priced)."""
    known = {o["slug"]: o for o in offerings}
    problems = [
        f"offerings.{s}: no such offering"
        for s in prices.offerings
        if s not in known and not partial
    ]
    for slug, offering in known.items():
        priced = prices.offerings.get(slug)
        codes = {p["code"] for p in offering["plans"]}
        if priced is None:
            problems.append(f"offerings.{slug}: no prices (plans {', '.join(sorted(codes))})")
            continue
        problems += [
            f"offerings.{slug}.plans.{c}: no price" for c in sorted(codes - set(priced.plans))
        ]
        problems += [
            f"offerings.{slug}.plans.{c}: no such plan" for c in sorted(set(priced.plans) - codes)
        ]
    if problems:
        raise SetupError("the price list does not match the offerings:\n  " + "\n  ".join(problems))


class _Sync:
    def __init__(
        self,
        saleor: GraphQLClient,
        api: GraphQLClient,
        prices: PriceList,
        options: SyncOptions,
        dry_run: bool,
        only: frozenset[str] | None,
    ) -> None:
        self.only = only
        self.saleor = saleor
        self.api = api
        self.prices = prices
        self.options = options
        self.dry_run = dry_run
        self.report = SyncReport()

    def step(self, verb: str, what: str) -> bool:
        return self.report.record(verb, what, self.dry_run)

    def run(self) -> SyncReport:
        offerings = read_offerings(self.api)
        if self.only is not None:
            unknown = self.only - {o["slug"] for o in offerings}
            if unknown:
                raise SetupError(f"no such offering: {', '.join(sorted(unknown))}")
            offerings = [o for o in offerings if o["slug"] in self.only]
        check_prices(offerings, self.prices, partial=self.only is not None)
        setup = self.saleor.query(
            SETUP,
            {
                "channel": self.prices.channel,
                "type": self.options.product_type_slug,
                "category": self.options.category_slug,
            },
        )
        types = [e["node"] for e in setup["productTypes"]["edges"]]
        missing = [
            what
            for what, found in (
                (f"channel {self.prices.channel!r}", setup["channel"]),
                (f"product type {self.options.product_type_slug!r}", types),
                (f"category {self.options.category_slug!r}", setup["category"]),
            )
            if not found
        ]
        if missing:
            raise SetupError(
                f"Saleor has no {', '.join(missing)}: run `cmp saleor bootstrap` first"
            )
        self.channel: Json = setup["channel"]
        self.product_type_id: str = types[0]["id"]
        self.category_id: str = setup["category"]["id"]
        for offering in offerings:
            self.offering(offering)
        return self.report

    def offering(self, offering: Json) -> None:
        slug = offering["slug"]
        priced = self.prices.offerings[slug]
        product = self.product(offering)
        self.listing(slug, product)
        sellables = [
            _Sellable(f"{slug}-{plan['code']}", plan["name"], priced.plans[plan["code"]], plan=plan)
            for plan in offering["plans"]
        ] + [
            _Sellable(
                f"{slug}-credits-{pack.credits}", f"{pack.credits} credits", pack.price, pack=pack
            )
            for pack in priced.credit_packs
        ]
        variants = {s.sku: self.variant(slug, product, s) for s in sellables}
        linked_product = (offering.get("product") or {}).get("id")
        plans_linked = all(
            (plan.get("variant") or {}).get("id") == variants[f"{slug}-{plan['code']}"]
            for plan in offering["plans"]
        )
        if linked_product == product["id"] and plans_linked:
            self.step("keep", f"offering {slug}: linked to its product and variants")
        elif self.step(
            "update", f"offering {slug}: link product {product['id']} and its plans' variants"
        ):
            self.api.mutate(
                OFFERING_UPDATE,
                "offeringUpdate",
                {
                    "id": offering["id"],
                    "input": {
                        "productId": product["id"],
                        "plans": [
                            {
                                "code": plan["code"],
                                "name": plan["name"],
                                "includedCredits": plan["includedCredits"],
                                "variantId": variants[f"{slug}-{plan['code']}"],
                            }
                            for plan in offering["plans"]
                        ],
                    },
                },
            )
        packs = [s for s in sellables if s.pack is not None]
        current = self.credit_packs([variants[s.sku] for s in packs])
        for sellable in packs:
            assert sellable.pack is not None
            credits = sellable.pack.credits
            if current.get(variants[sellable.sku]) == credits:
                self.step("keep", f"credit pack {sellable.sku}: {credits} credits")
            elif self.step("set", f"credit pack {sellable.sku}: {credits} credits per unit"):
                self.api.mutate(
                    CREDIT_PACK_SET,
                    "creditPackSet",
                    {"input": {"variantId": variants[sellable.sku], "credits": credits}},
                )

    def credit_packs(self, variant_ids: list[str]) -> dict[str, int | None]:
        """What control-plane holds for these variants (its ProductVariant entity)."""
        saved = [v for v in variant_ids if v != UNSAVED]
        if not saved:
            return {}
        representations = [
            {"__typename": "ProductVariant", "id": v, "channel": self.channel["slug"]}
            for v in saved
        ]
        found = self.api.query(CREDIT_PACKS, {"variants": representations})["_entities"]
        return {e["id"]: e.get("creditPack") for e in found if e}

    def product(self, offering: Json) -> Json:
        slug = offering["slug"]
        linked = (offering.get("product") or {}).get("id")
        found = self.saleor.query(PRODUCT_BY_ID, {"id": linked})["product"] if linked else None
        found = found or self.saleor.query(PRODUCT_BY_SLUG, {"slug": slug})["product"]
        description = offering.get("description") or ""
        if found is None:
            empty: Json = {"id": UNSAVED, "channelListings": [], "variants": []}
            if not self.step("create", f"product {slug} ({offering['name']})"):
                return empty
            payload = self.saleor.mutate(
                PRODUCT_CREATE,
                "productCreate",
                {
                    "input": {
                        "productType": self.product_type_id,
                        "category": self.category_id,
                        "name": offering["name"],
                        "slug": slug,
                        "description": _description(description),
                    }
                },
            )
            product: Json = payload["product"]
            return product
        current = (
            found["name"],
            _description_text(found.get("description")),
            (found.get("category") or {}).get("id"),
        )
        if current == (offering["name"], description, self.category_id):
            self.step("keep", f"product {slug} ({found['id']})")
        elif self.step("update", f"product {slug}: name, description, category"):
            self.saleor.mutate(
                PRODUCT_UPDATE,
                "productUpdate",
                {
                    "id": found["id"],
                    "input": {
                        "name": offering["name"],
                        "description": _description(description),
                        "category": self.category_id,
                    },
                },
            )
        return dict(found)

    def listing(self, slug: str, product: Json) -> None:
        channel = self.channel
        found = next(
            (
                listing
                for listing in product["channelListings"]
                if listing["channel"]["slug"] == channel["slug"]
            ),
            None,
        )
        flags = ("isPublished", "visibleInListings", "isAvailableForPurchase")
        if found is not None and all(found.get(f) for f in flags):
            self.step("keep", f"product {slug}: published in {channel['slug']}")
        elif self.step("update", f"product {slug}: publish in {channel['slug']}"):
            self.saleor.mutate(
                LISTING_UPDATE,
                "productChannelListingUpdate",
                {
                    "id": product["id"],
                    "input": {
                        "updateChannels": [
                            {"channelId": channel["id"], **dict.fromkeys(flags, True)}
                        ]
                    },
                },
            )

    def variant(self, slug: str, product: Json, sellable: _Sellable) -> str:
        found = next((v for v in product["variants"] if v["sku"] == sellable.sku), None)
        if found is None and product["id"] != UNSAVED:
            elsewhere = self.saleor.query(VARIANT_BY_SKU, {"sku": sellable.sku})["productVariant"]
            if elsewhere is not None:
                raise SetupError(
                    f"SKU {sellable.sku} belongs to product {elsewhere['product']['slug']}, "
                    f"not to {slug}: rename one of them"
                )
        channel = self.channel["slug"]
        if found is None:
            if not self.step(
                "create",
                f"variant {sellable.sku} ({sellable.name}) at {sellable.price} "
                f"{self.channel['currencyCode']}",
            ):
                return UNSAVED
            variant_id: str = self.saleor.mutate(
                VARIANT_CREATE,
                "productVariantCreate",
                {
                    "input": {
                        "product": product["id"],
                        "sku": sellable.sku,
                        "name": sellable.name,
                        "attributes": [],
                        "trackInventory": False,
                    }
                },
            )["productVariant"]["id"]
            self._price(variant_id, sellable)
            return variant_id
        variant_id = found["id"]
        if found["name"] != sellable.name and self.step(
            "update", f"variant {sellable.sku}: name {sellable.name!r}"
        ):
            self.saleor.mutate(
                VARIANT_UPDATE,
                "productVariantUpdate",
                {"id": variant_id, "input": {"name": sellable.name}},
            )
        price = next(
            (
                listing["price"]["amount"]
                for listing in found["channelListings"]
                if listing["channel"]["slug"] == channel
            ),
            None,
        )
        if price is not None and Decimal(str(price)) == sellable.price:
            self.step("keep", f"variant {sellable.sku} at {sellable.price}")
        elif self.step("update", f"variant {sellable.sku}: price {sellable.price} in {channel}"):
            self._price(variant_id, sellable)
        return variant_id

    def _price(self, variant_id: str, sellable: _Sellable) -> None:
        self.saleor.mutate(
            VARIANT_PRICE,
            "productVariantChannelListingUpdate",
            {
                "id": variant_id,
                "input": [{"channelId": self.channel["id"], "price": str(sellable.price)}],
            },
        )


def sync(
    saleor: GraphQLClient,
    api: GraphQLClient,
    prices: PriceList,
    options: SyncOptions | None = None,
    dry_run: bool = False,
    only: frozenset[str] | None = None,
) -> SyncReport:
    """`saleor` holds the app token (MANAGE_PRODUCTS); `api` is control-plane's endpoint with
    the service credential (or a staff token); `only`: these offerings' slugs, not all."""
    return _Sync(saleor, api, prices, options or SyncOptions(), dry_run, only).run()
