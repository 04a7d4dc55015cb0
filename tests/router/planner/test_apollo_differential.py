"""Our plans against Apollo's reference planner (@apollo/query-planner 2.14.4, tools/apollo/
plan.mjs) on the fixture supergraphs: same fetches (service, merge path, fields selected) in the
same Sequence/Parallel structure. Skipped without node."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import parse

from bench.support.apollo import node_available, run_node_tool
from router.planner import QueryPlanner
from router.planner.normalize import normalize_operation
from router.supergraph import load_supergraph
from tests.router.fixtures.compose import supergraph_path
from tests.router.fixtures.structure import apollos, ours

pytestmark = pytest.mark.skipif(not node_available(), reason="node/npm not installed")

CASES: list[tuple[str, str, tuple[str, ...]]] = [
    ("shop", "{ topProducts { name price reviews { body author { name username } } } }", ()),
    ("shop", "{ topProducts { upc inStock shippingEstimate } }", ()),
    ("shop", "{ me { name reviews { body product { name inStock } } } }", ()),
    ("shop", "{ users { reviews { author { reviews { body } } } } }", ()),
    (
        "shop",
        "{ latestReviews { body author { username name } product { inStock name shippingEstimate } } }",
        (),
    ),
    ("shop", "{ productGrid { name inStock } }", ()),
    ("shop", '{ product(upc: "1") { stockNote } }', ()),
    (
        "shop",
        "query($id: ID!, $x: Boolean!) { user(id: $id) { name reviews @include(if: $x) { body } } }",
        (),
    ),
    ("shop", "query($x: Boolean!) { topProducts { name inStock @skip(if: $x) } }", ()),
    ("shop", "{ latestReviews { author { username } } }", ()),
    (
        "shop",
        'mutation { a: addProduct(upc: "9", name: "X", price: 1) { upc inStock } createUser(name: "Bo") { id } b: addProduct(upc: "8", name: "Y", price: 2) { name } addReview(sku: "S1", body: "ok") { body product { name } } }',
        (),
    ),
    ("abstract", "{ media { id title rating ... on Book { pages author } } }", ()),
    ("abstract", "{ topRated { id rating title __typename ... on Movie { director } } }", ()),
    (
        "abstract",
        '{ search(term: "x") { __typename ... on Person { name } ... on Media { title rating } } }',
        (),
    ),
    ("abstract", "{ topRated { rating } }", ()),
    ("abstract", "{ media { __typename ... on Book { rating } } }", ()),
    ("override", "{ accounts { owner balance tier } }", ()),
    ("override", "{ accounts { owner balance tier } }", ("tierMigration",)),
    ("shareable", "{ things { name color size } }", ()),
    ("shareable", "{ config { currency region } }", ()),
    ("shareable", "{ config { currency } things { name } }", ()),
    ("requires_args", "{ items { id shippingEUR } }", ()),
    (
        "requires_args",
        '{ items { eur: price(currency: "EUR") usd: price(currency: "USD") shippingUSD } }',
        (),
    ),
]

# Apollo 2.14.4 sends one `price` for both fields (USD for shippingEUR too); we fetch each
# argument set under its own alias and send each field the value it requires.
KNOWN_APOLLO_DIVERGENCE = ("requires_args", "{ items { id shippingEUR shippingUSD } }", ())


@pytest.fixture(scope="module")
def apollo_plans() -> dict[tuple[str, str, tuple[str, ...]], dict[str, Any]]:
    plans: dict[tuple[str, str, tuple[str, ...]], dict[str, Any]] = {}
    for fixture in sorted({c[0] for c in CASES} | {KNOWN_APOLLO_DIVERGENCE[0]}):
        cases = [c for c in [*CASES, KNOWN_APOLLO_DIVERGENCE] if c[0] == fixture]
        sdl = supergraph_path(fixture).read_text()
        labels = sorted(load_supergraph(sdl).override_labels)
        operations = [{"query": q, "labels": list(ls), "allLabels": labels} for _, q, ls in cases]
        result = run_node_tool("plan.mjs", {"supergraph": sdl, "operations": operations})
        answers = result["plans"]
        assert isinstance(answers, list)
        for case, plan in zip(cases, answers, strict=True):
            plans[case] = plan
    return plans


def _our_shape(fixture: str, query: str, labels: tuple[str, ...]) -> Any:
    supergraph = load_supergraph(supergraph_path(fixture).read_text())
    operation = normalize_operation(supergraph.api_schema, parse(query))
    return ours(QueryPlanner(supergraph).plan(operation, frozenset(labels)))


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]}:{c[1][:40]}" for c in CASES])
def test_same_fetch_structure_as_apollo(
    case: tuple[str, str, tuple[str, ...]], apollo_plans: dict[Any, dict[str, Any]]
) -> None:
    reference = apollo_plans[case]
    assert "error" not in reference, reference.get("error")
    assert _our_shape(*case) == apollos(reference["plan"]), reference["pretty"]


def test_known_divergence_requires_with_different_arguments(
    apollo_plans: dict[Any, dict[str, Any]],
) -> None:
    reference = apollo_plans[KNOWN_APOLLO_DIVERGENCE]["plan"]
    assert len(reference["node"]["nodes"]) == 2  # Apollo: one shipping fetch for both fields
    shape = _our_shape(*KNOWN_APOLLO_DIVERGENCE)
    assert shape[0] == "sequence" and shape[1][1][0] == "parallel"  # ours: one per argument set
