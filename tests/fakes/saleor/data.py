"""The fake Saleor's data: plain dataclasses, easy to extend per test.

Ids are Saleor-style global ids (base64 of "Type:pk"). Products and variants are priced per
channel; only channels listed in a product's `prices` show it.
"""

from __future__ import annotations

import base64
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


@dataclass
class Product:
    pk: int
    name: str
    slug: str
    category: str
    variants: list[Variant]
    description: str = ""
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass
class User:
    pk: int
    email: str
    first_name: str
    last_name: str
    is_staff: bool = False
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass
class OrderLine:
    pk: int
    variant_pk: int
    quantity: int


@dataclass
class Order:
    pk: int
    number: str
    user_pk: int | None
    user_email: str
    lines: list[OrderLine]
    status: str = "UNFULFILLED"
    channel: str = DEFAULT_CHANNEL
    metadata: dict[str, str] = field(default_factory=dict)


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
        """A fresh pk for "product", "user" or "order" (for tests that add data)."""
        tables: dict[str, list[Any]] = {
            "product": self.products,
            "user": self.users,
            "order": self.orders,
        }
        return max((item.pk for item in tables[kind]), default=0) + 1


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
                21, "alice@example.com", "Alice", "Liddell", metadata={"cmp.organization": "org-1"}
            ),
            User(22, "bob@example.com", "Bob", "Builder"),
            User(23, "staff@example.com", "Sam", "Staff", is_staff=True),
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
