"""The one-pass response (a shape compiled per plan) gives exactly what the reference builder
gives — fragments, aliases, @skip/@include on variables, __typename, abstract types, nested
lists, @interfaceObject — and hands over to it when a non-null field is null."""

from __future__ import annotations

from typing import Any

import pytest

from router.executor import ExecutionState, ResponseBuilder
from router.executor.shape import NeedsReference, ResponseShape
from router.pipeline import Router
from tests.router.conftest import Stack

SHOP_OPERATIONS: list[tuple[str, dict[str, Any]]] = [
    ("{ topProducts { name price inStock reviews { body author { id } } } }", {}),
    # u3's author entity is null in accounts: a null in a non-null field (the reference's case)
    ("{ topProducts { name price inStock reviews { body author { name } } } }", {}),
    (
        "query($with: Boolean!, $without: Boolean!) { topProducts(first: 2) { "
        "upc name @include(if: $with) price @skip(if: $without) "
        "... on Product @include(if: $with) { inStock } } }",
        {"with": True, "without": True},
    ),
    (
        "query($with: Boolean!, $without: Boolean!) { topProducts(first: 2) { "
        "upc name @include(if: $with) price @skip(if: $without) "
        "... on Product @include(if: $with) { inStock } } }",
        {"with": False, "without": False},
    ),
    (
        "fragment P on Product { first: name again: name __typename } "
        "{ a: topProducts(first: 1) { ...P } b: topProducts(first: 2) { ...P upc } }",
        {},
    ),
    ('{ product(upc: "1") { name shippingEstimate } me { name username } }', {}),
    ("{ productGrid { name } users { name } }", {}),
]
ABSTRACT_OPERATIONS: list[tuple[str, dict[str, Any]]] = [
    (
        "{ media { __typename id title ... on Book { author pages } ... on Movie { director } } }",
        {},
    ),
    ("{ topRated { id title rating ... on Book { pages } } }", {}),
    (
        '{ search(term: "x") { __typename ... on Book { title } ... on Person { name } '
        "... on Movie { title director } } }",
        {},
    ),
]


async def _state(router: Router, query: str, variables: dict[str, Any]) -> Any:
    prepared = router.preparer.prepare(query, None)
    assert prepared.operation is not None, prepared.errors
    plan = router.plans.plan(prepared.operation, frozenset())
    state = ExecutionState(variables=variables, condition_values=variables)
    await router.executor.execute(plan, state)
    return prepared.operation, plan, state


async def _compare(stack: Stack, query: str, variables: dict[str, Any]) -> None:
    router = stack.router
    operation, plan, state = await _state(router, query, variables)
    reference_errors: list[dict[str, Any]] = []
    reference = ResponseBuilder(
        router.schema, router.supergraph.possible_types, variables, reference_errors
    ).build(operation, state.data)
    shape = ResponseShape(router.schema, router.supergraph.possible_types, operation)
    if reference_errors:  # only the reference reports null violations
        with pytest.raises(NeedsReference):
            shape.build(state.data, variables)
    else:
        assert shape.build(state.data, variables) == reference
        assert list(shape.build(state.data, variables)) == list(reference or {})  # key order
    # And through the router's own cache: the shape is compiled once per plan object.
    errors: list[dict[str, Any]] = []
    assert router.responses.build(plan, operation, state.data, variables, errors) == reference
    assert errors == reference_errors
    assert router.responses.shape_for(plan, operation) is router.responses.shape_for(
        plan, operation
    )


@pytest.mark.parametrize(("query", "variables"), SHOP_OPERATIONS)
async def test_same_response_as_the_reference_shop(
    shop_stack: Stack, query: str, variables: dict[str, Any]
) -> None:
    await _compare(shop_stack, query, variables)


@pytest.mark.parametrize(("query", "variables"), ABSTRACT_OPERATIONS)
async def test_same_response_as_the_reference_abstract(
    abstract_stack: Stack, query: str, variables: dict[str, Any]
) -> None:
    await _compare(abstract_stack, query, variables)


async def test_a_null_in_a_non_null_field_goes_to_the_reference(shop_stack: Stack) -> None:
    router = shop_stack.router
    query = "{ topProducts(first: 2) { name inStock } }"
    operation, plan, state = await _state(router, query, {})
    state.data["topProducts"][1]["name"] = None  # name is String!
    shape = ResponseShape(router.schema, router.supergraph.possible_types, operation)
    with pytest.raises(NeedsReference):
        shape.build(state.data, {})
    errors: list[dict[str, Any]] = []
    data = router.responses.build(plan, operation, state.data, {}, errors)
    assert data is None  # [Product!]! and the list are non-null: the null reaches data
    assert errors == [
        {
            "message": "Cannot return null for non-nullable field Product.name.",
            "path": ["topProducts", 1, "name"],
        }
    ]
