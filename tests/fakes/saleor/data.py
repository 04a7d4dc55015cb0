"""The fake Saleor's data: plain dataclasses, easy to extend per test.

Ids are Saleor-style global ids (base64 of "Type:pk"); orders and their lines have UUID pks
like Saleor 3.22's (the default orders keep small integer pks). Products and variants are
priced per channel; only channels listed in a product's `prices` show it.

Tests add data with `add_user`, `add_product` and `add_order`; each returns the new object,
whose `id` is its global id.
"""

from __future__ import annotations

import base64
import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

DEFAULT_CHANNEL = "default-channel"


def global_id(type_name: str, pk: int | str) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


def parse_global_id(value: str) -> tuple[str, str]:
    """(type, pk); raises ValueError for ids Saleor would reject."""
    try:
        type_name, pk = base64.b64decode(value, validate=True).decode().split(":", 1)
    except (ValueError, UnicodeDecodeError) as e:
        raise ValueError(f"Invalid ID: {value}. Expected: Node.") from e
    return type_name, pk


def metadata(items: dict[str, str]) -> list[dict[str, str]]:
    return [{"key": k, "value": v} for k, v in items.items()]


@dataclass
class Variant:
    pk: int
    name: str
    sku: str
    prices: dict[str, float]  # channel slug -> gross price
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return global_id("ProductVariant", self.pk)


@dataclass
class Product:
    pk: int
    name: str
    slug: str
    category: str
    variants: list[Variant]
    description: str = ""
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return global_id("Product", self.pk)


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

    @property
    def id(self) -> str:
        return global_id("User", self.pk)


@dataclass
class OrderLine:
    pk: int | str
    variant_pk: int
    quantity: int

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

    @property
    def id(self) -> str:
        return global_id("Order", self.pk)


@dataclass
class SaleorData:
    products: list[Product] = field(default_factory=list)
    users: list[User] = field(default_factory=list)
    orders: list[Order] = field(default_factory=list)
    currency: str = "USD"

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
        """A fresh integer pk for "product", "variant", "user" or "order"."""
        tables: dict[str, list[Any]] = {
            "product": self.products,
            "variant": [v for p in self.products for v in p.variants],
            "user": self.users,
            "order": self.orders,
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
    ) -> Product:
        """A product sold in `channel` with one variant per (name, price)."""
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
    )
