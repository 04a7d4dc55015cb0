"""The fake Saleor's data: plain dataclasses, easy to extend per test.

Ids are Saleor-style global ids (base64 of "Type:pk"); orders and their lines have UUID pks
like Saleor 3.22's (the default orders keep small integer pks). Products and variants are
priced per channel; only channels listed in a product's `prices` show it.

Tests add data with `add_user`, `add_product` and `add_order`; each returns the new object,
whose `id` is its global id. Channels, product types, categories, checkouts, apps and webhooks
are what the fake's mutations create (`apps.py` and `checkouts.py` hold their records).
"""

from __future__ import annotations

import itertools
import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from tests.fakes.saleor.apps import App, Webhook
from tests.fakes.saleor.checkouts import Checkout
from tests.fakes.saleor.data_ids import global_id as global_id  # tests import them from here
from tests.fakes.saleor.data_ids import parse_global_id as parse_global_id

DEFAULT_CHANNEL = "default-channel"
_sequence = itertools.count(1)  # creation order, for sortBy CREATED_AT / LAST_MODIFIED_AT


def metadata(items: dict[str, str]) -> list[dict[str, str]]:
    return [{"key": k, "value": v} for k, v in items.items()]


@dataclass
class Channel:
    pk: int
    slug: str
    name: str
    currency: str = "USD"
    is_active: bool = True

    @property
    def id(self) -> str:
        return global_id("Channel", self.pk)


@dataclass
class ProductType:
    pk: int
    name: str
    slug: str
    kind: str = "NORMAL"
    has_variants: bool = True
    is_shipping_required: bool = False
    is_digital: bool = False
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return global_id("ProductType", self.pk)


@dataclass
class Category:
    pk: int
    name: str
    slug: str
    description: str | None = None  # EditorJS JSON, as Saleor stores it

    @property
    def id(self) -> str:
        return global_id("Category", self.pk)


@dataclass
class Listing:
    """A product's ProductChannelListing in one channel."""

    is_published: bool = True
    visible_in_listings: bool = True
    is_available_for_purchase: bool = True


@dataclass
class Variant:
    pk: int
    name: str
    sku: str | None
    prices: dict[str, float]  # channel slug -> gross price (its channel listings)
    metadata: dict[str, str] = field(default_factory=dict)
    track_inventory: bool = False
    external_reference: str | None = None
    sequence: int = field(default_factory=lambda: next(_sequence))

    @property
    def id(self) -> str:
        return global_id("ProductVariant", self.pk)


@dataclass
class Product:
    pk: int
    name: str
    slug: str
    category: str | None  # a category slug
    variants: list[Variant]
    description: str = ""
    metadata: dict[str, str] = field(default_factory=dict)
    product_type: str = ""  # a product type slug; "" -> the category's slug
    # Per channel slug; None: listed, published and purchasable wherever a variant is priced.
    listings: dict[str, Listing] | None = None
    external_reference: str | None = None
    rating: float | None = None
    sequence: int = field(default_factory=lambda: next(_sequence))

    @property
    def id(self) -> str:
        return global_id("Product", self.pk)

    def listing(self, channel: str | None) -> Listing | None:
        if channel is None:
            return None
        if self.listings is None:
            return Listing() if any(channel in v.prices for v in self.variants) else None
        return self.listings.get(channel)

    def touch(self) -> None:
        self.sequence = next(_sequence)


def _jwt_token_key() -> str:
    """Saleor's per-user `jwt_token_key`: the `token` claim of the user's JWTs."""
    return secrets.token_urlsafe(9)


@dataclass
class User:
    pk: int
    email: str
    first_name: str
    last_name: str
    is_staff: bool = False
    metadata: dict[str, str] = field(default_factory=dict)
    password: str | None = None  # None: cannot sign in with tokenCreate
    is_active: bool = True
    token_key: str = field(default_factory=_jwt_token_key)
    # Staff permissions (PermissionEnum names); None: all of them, like a superuser's.
    permissions: frozenset[str] | None = None

    @property
    def id(self) -> str:
        return global_id("User", self.pk)


@dataclass
class OrderLine:
    pk: int | str
    variant_pk: int
    quantity: int
    unit_price: float | None = None  # as paid; None: the variant's price in the channel now

    @property
    def id(self) -> str:
        return global_id("OrderLine", self.pk)


@dataclass
class Order:
    pk: int | str
    number: str
    user_pk: int | None
    user_email: str
    lines: list[OrderLine]
    status: str = "UNFULFILLED"
    channel: str = DEFAULT_CHANNEL
    metadata: dict[str, str] = field(default_factory=dict)
    is_paid: bool = True
    checkout_token: str | None = None  # the checkout it was completed from
    billing_address: dict[str, Any] | None = None

    @property
    def id(self) -> str:
        return global_id("Order", self.pk)


def _default_channels() -> list[Channel]:
    return [Channel(1, DEFAULT_CHANNEL, "Default Channel")]


@dataclass
class SaleorData:
    products: list[Product] = field(default_factory=list)
    users: list[User] = field(default_factory=list)
    orders: list[Order] = field(default_factory=list)
    currency: str = "USD"
    channels: list[Channel] = field(default_factory=_default_channels)
    product_types: list[ProductType] = field(default_factory=list)
    categories: list[Category] = field(default_factory=list)
    checkouts: list[Checkout] = field(default_factory=list)
    apps: list[App] = field(default_factory=list)
    webhooks: list[Webhook] = field(default_factory=list)

    def channel(self, slug: str | None = None, pk: int | str | None = None) -> Channel | None:
        return next(
            (
                c
                for c in self.channels
                if c.slug == slug or (pk is not None and str(c.pk) == str(pk))
            ),
            None,
        )

    def product_type(
        self, slug: str | None = None, pk: int | str | None = None
    ) -> ProductType | None:
        return next(
            (
                t
                for t in self.product_types
                if t.slug == slug or (pk is not None and str(t.pk) == str(pk))
            ),
            None,
        )

    def type_of(self, product: Product) -> ProductType:
        """The product's type; products added by tests get an unstored digital one."""
        slug = product.product_type or product.category or "default"
        return self.product_type(slug) or ProductType(0, slug.title(), slug)

    def category(self, slug: str | None = None, pk: int | str | None = None) -> Category | None:
        return next(
            (
                c
                for c in self.categories
                if c.slug == slug or (pk is not None and str(c.pk) == str(pk))
            ),
            None,
        )

    def checkout(self, pk: str) -> Checkout | None:
        return next((c for c in self.checkouts if c.pk == pk), None)

    def app(self, pk: int | str) -> App | None:
        return next((a for a in self.apps if str(a.pk) == str(pk)), None)

    def app_with_token(self, token: str) -> App | None:
        return next((a for a in self.apps if a.is_active and a.has_token(token)), None)

    def variant_by_sku(self, sku: str) -> tuple[Product, Variant] | None:
        for p in self.products:
            for v in p.variants:
                if v.sku is not None and v.sku == sku:
                    return p, v
        return None

    def product(self, pk: int | str) -> Product | None:
        return next((p for p in self.products if str(p.pk) == str(pk)), None)

    def variant(self, pk: int | str) -> tuple[Product, Variant] | None:
        for p in self.products:
            for v in p.variants:
                if str(v.pk) == str(pk):
                    return p, v
        return None

    def user(self, pk: int | str | None = None, email: str | None = None) -> User | None:
        return next(
            (
                u
                for u in self.users
                if (pk is not None and str(u.pk) == str(pk)) or u.email == email
            ),
            None,
        )

    def order(self, pk: int | str) -> Order | None:
        return next((o for o in self.orders if str(o.pk) == str(pk)), None)

    def next_pk(self, kind: str) -> int:
        """A fresh integer pk for "product", "variant", "user", "order", "channel",
        "product_type", "category", "app" or "webhook"."""
        tables: dict[str, list[Any]] = {
            "product": self.products,
            "variant": [v for p in self.products for v in p.variants],
            "user": self.users,
            "order": self.orders,
            "channel": self.channels,
            "product_type": self.product_types,
            "category": self.categories,
            "app": self.apps,
            "webhook": self.webhooks,
        }
        return max((item.pk for item in tables[kind] if isinstance(item.pk, int)), default=0) + 1

    # ------------------------------------------------------------------ for tests

    def add_user(
        self,
        email: str | None = None,
        password: str | None = "password",
        is_staff: bool = False,
        first_name: str = "Test",
        last_name: str = "Shopper",
        metadata: dict[str, str] | None = None,
    ) -> User:
        """A customer (or staff) account; `email` defaults to a unique one."""
        pk = self.next_pk("user")
        user = User(
            pk,
            email or f"shopper-{pk}-{uuid.uuid4().hex[:8]}@example.com",
            first_name,
            last_name,
            is_staff=is_staff,
            metadata=dict(metadata or {}),
            password=password,
        )
        self.users.append(user)
        return user

    def add_product(
        self,
        name: str,
        variants: Iterable[tuple[str, float]] = (("Default", 10.0),),
        category: str = "agents",
        channel: str = DEFAULT_CHANNEL,
        metadata: dict[str, str] | None = None,
        product_type: str = "",
    ) -> Product:
        """A product sold in `channel` with one variant per (name, price); its type is the
        one whose slug is `product_type` (default: the category's)."""
        pk = self.next_pk("product")
        first_variant = self.next_pk("variant")
        product = Product(
            pk,
            name,
            f"{name.lower().replace(' ', '-')}-{pk}",
            category,
            [
                Variant(first_variant + i, v, f"SKU-{first_variant + i}", {channel: price})
                for i, (v, price) in enumerate(variants)
            ],
            metadata=dict(metadata or {}),
            product_type=product_type,
        )
        self.products.append(product)
        return product

    def add_order(
        self,
        user: User | None,
        lines: Iterable[tuple[int, int]],
        metadata: dict[str, str] | None = None,
        paid: bool = True,
        user_email: str | None = None,
        channel: str = DEFAULT_CHANNEL,
    ) -> Order:
        """An order by `user` (None: a guest checkout with `user_email`) with a line per
        (variant pk, quantity); `paid` is Saleor's `isPaid`. Pks are UUIDs, like Saleor's."""
        number = max((int(o.number) for o in self.orders if o.number.isdigit()), default=0) + 1
        order = Order(
            str(uuid.uuid4()),
            str(number),
            user.pk if user else None,
            user.email if user else (user_email or "guest@example.com"),
            [OrderLine(str(uuid.uuid4()), variant_pk, qty) for variant_pk, qty in lines],
            channel=channel,
            metadata=dict(metadata or {}),
            is_paid=paid,
        )
        self.orders.append(order)
        return order


def default_data() -> SaleorData:
    """A small shop: agents sold as products, plans as variants, one credit pack."""
    return SaleorData(
        products=[
            Product(
                72,
                "Research Agent",
                "research-agent",
                "agents",
                [
                    Variant(201, "Basic", "RA-BASIC", {DEFAULT_CHANNEL: 9.0}),
                    Variant(202, "Pro", "RA-PRO", {DEFAULT_CHANNEL: 29.0}),
                ],
                "Finds and summarizes sources.",
            ),
            Product(
                73,
                "Support Agent",
                "support-agent",
                "agents",
                [
                    Variant(203, "Basic", "SA-BASIC", {DEFAULT_CHANNEL: 19.0}),
                ],
            ),
            Product(
                74,
                "Credits",
                "credits",
                "credits",
                [
                    Variant(204, "1000 credits", "CREDITS-1000", {DEFAULT_CHANNEL: 10.0}),
                ],
            ),
        ],
        users=[
            User(
                21,
                "alice@example.com",
                "Alice",
                "Liddell",
                metadata={"cmp.organization": "org-1"},
                password="alice-password",
            ),
            User(22, "bob@example.com", "Bob", "Builder", password="bob-password"),
            User(
                23,
                "staff@example.com",
                "Sam",
                "Staff",
                is_staff=True,
                password="staff-password",
            ),
        ],
        orders=[
            Order(
                501,
                "1001",
                21,
                "alice@example.com",
                [OrderLine(9001, 202, 1), OrderLine(9002, 204, 3)],
                metadata={"cmp.organization": "org-1"},
            ),
            Order(502, "1002", 22, "bob@example.com", [OrderLine(9003, 201, 2)]),
        ],
        product_types=[
            ProductType(1, "Agents", "agents", is_digital=True),
            ProductType(2, "Credits", "credits", is_digital=True),
            ProductType(3, "Merchandise", "merchandise", is_shipping_required=True),
        ],
        categories=[Category(1, "Agents", "agents"), Category(2, "Credits", "credits")],
    )
