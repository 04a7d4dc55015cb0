"""Mutations: root fields in order, one after another; consecutive fields of one subgraph in one
fetch; entity fetches for a root field's result before the next root field runs."""

from __future__ import annotations

from tests.router.conftest import Stack
from tests.router.fixtures.outline import outline

MUTATION = """mutation {
  a: addProduct(upc: "9", name: "Lamp", price: 30) { upc inStock }
  createUser(name: "Bo") { id name }
  b: addProduct(upc: "8", name: "Rug", price: 70) { name }
  c: addProduct(upc: "7", name: "Mat", price: 10) { name }
  addReview(sku: "S1", body: "Solid") { body product { name } }
}"""


async def test_mutation_root_fields_run_serially_in_order(shop_stack: Stack) -> None:
    assert outline(shop_stack.plan(MUTATION)) == (
        "Seq[products, inventory@a, accounts, products, reviews, products@addReview.product]"
    )
    assert await shop_stack.query(MUTATION) == {
        "data": {
            "a": {"upc": "9", "inStock": False},
            "createUser": {"id": "new-Bo", "name": "Bo"},
            "b": {"name": "Rug"},
            "c": {"name": "Mat"},
            "addReview": {"body": "Solid", "product": {"name": "Table"}},
        }
    }
    assert shop_stack.mutation_log == [
        "addProduct:9",
        "createUser:Bo",
        "addProduct:8",
        "addProduct:7",
        "addReview:S1",
    ]
