"""The workload's four subgraphs as Federation 2 SDL with in-memory resolvers (graphql-core via
bench/support/fixture_subgraph.py). Same types, fields, keys, @requires and @provides as The
Guild's Rust subgraphs; the SDL is written for this project."""

from __future__ import annotations

from typing import Any

from bench.guild import data
from bench.support.fixture_subgraph import FixtureSubgraph

NAMES = ("accounts", "inventory", "products", "reviews")

ACCOUNTS_SDL = """
type Query {
  me: User
  user(id: ID!): User
  users: [User]
}

type User @key(fields: "id") {
  id: ID!
  name: String
  username: String @shareable
  birthday: Int
}
"""

INVENTORY_SDL = """
type Product @key(fields: "upc") {
  upc: String!
  weight: Int @external
  price: Int @external
  inStock: Boolean
  shippingEstimate: Int @requires(fields: "price weight")
}
"""

PRODUCTS_SDL = """
type Query {
  topProducts(first: Int = 5): [Product]
}

type Product @key(fields: "upc") {
  upc: String!
  name: String
  price: Int
  weight: Int
}
"""

REVIEWS_SDL = """
type Review @key(fields: "id") {
  id: ID!
  body: String
  product: Product
  author: User @provides(fields: "username")
}

type User @key(fields: "id") {
  id: ID!
  username: String @external
  reviews: [Review]
}

type Product @key(fields: "upc") {
  upc: String!
  reviews: [Review]
}
"""

Record = dict[str, Any]


def _by(key: str, records: list[Record]) -> dict[str, Record]:
    return {str(record[key]): record for record in records}


def _review(record: Record) -> Record:
    return {"id": record["id"], "body": record["body"], "product": {"upc": record["upc"]}}


def _accounts() -> FixtureSubgraph:
    users = _by("id", data.USERS)
    return FixtureSubgraph(
        "accounts",
        ACCOUNTS_SDL,
        resolvers={
            "Query": {
                "me": lambda *_: data.USERS[0],
                "user": lambda _root, _info, id: users.get(id),
                "users": lambda *_: data.USERS,
            }
        },
        references={"User": lambda r: users.get(str(r.get("id")))},
    )


def _shipping_estimate(product: Record, *_: Any) -> int | None:
    price, weight = product.get("price"), product.get("weight")
    if price is None:
        return None
    if price > 1000:
        return 0
    return None if weight is None else int(weight) // 2


def _inventory() -> FixtureSubgraph:
    return FixtureSubgraph(
        "inventory",
        INVENTORY_SDL,
        resolvers={"Product": {"shippingEstimate": _shipping_estimate}},
        references={
            "Product": lambda r: (
                {**r, "inStock": data.IN_STOCK[r["upc"]]} if r.get("upc") in data.IN_STOCK else None
            )
        },
    )


def _products() -> FixtureSubgraph:
    products = _by("upc", data.PRODUCTS)
    return FixtureSubgraph(
        "products",
        PRODUCTS_SDL,
        resolvers={
            "Query": {
                "topProducts": lambda _root, _info, first=data.TOP_PRODUCTS_DEFAULT: data.PRODUCTS[
                    :first
                ]
            }
        },
        references={"Product": lambda r: products.get(str(r.get("upc")))},
    )


def _reviews() -> FixtureSubgraph:
    reviews = _by("id", data.REVIEWS)
    user_reviews = [_review(r) for r in data.USER_REVIEWS]
    author = {**data.AUTHOR, "reviews": user_reviews}
    return FixtureSubgraph(
        "reviews",
        REVIEWS_SDL,
        resolvers={
            "Review": {"author": lambda *_: author},
            "Product": {
                "reviews": lambda product, *_: [
                    _review(r) for r in data.REVIEWS if r["upc"] == product["upc"]
                ]
            },
        },
        references={
            "Review": lambda r: _review(reviews[r["id"]]) if r.get("id") in reviews else None,
            "User": lambda r: {"id": r["id"], "reviews": user_reviews},
            "Product": lambda r: {"upc": r["upc"]},
        },
    )


def build() -> list[FixtureSubgraph]:
    return [_accounts(), _inventory(), _products(), _reviews()]
