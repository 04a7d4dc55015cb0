"""The workload's operation: The Guild's nested query over users, their reviews, those reviews'
products, their reviews' authors and theirs, and the top products likewise. Sent under 64
operation names in turn, so a gateway plans 64 operations and cannot answer one from another."""

from __future__ import annotations

NAMES = 64

_QUERY = """
fragment User on User { id username name }
fragment Review on Review { id body }
fragment Product on Product { inStock name price shippingEstimate upc weight }

query %s {
  users {
    ...User
    reviews {
      ...Review
      product {
        ...Product
        reviews { ...Review author { ...User reviews { ...Review product { ...Product } } } }
      }
    }
  }
  topProducts {
    ...Product
    reviews { ...Review author { ...User reviews { ...Review product { ...Product } } } }
  }
}
"""


def operation_name(index: int) -> str:
    return f"TestQuery{index}"


def query(index: int = 0) -> str:
    return _QUERY % operation_name(index)


def bodies() -> list[dict[str, str]]:
    return [{"query": query(i), "operationName": operation_name(i)} for i in range(NAMES)]
