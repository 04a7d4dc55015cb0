"""Planning time per operation: cold (parse + validate + normalize + plan, no cache) and cached
(the router's prepared-operation and plan caches hit), on the fixture supergraphs.

    .venv/bin/python -m bench.planning [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from graphql import parse, validate

from router.pipeline.override_labels import OverrideLabels
from router.pipeline.plan_cache import PlanCache
from router.pipeline.prepare import OperationPreparer
from router.planner import QueryPlan, QueryPlanner
from router.planner.normalize import normalize_operation
from router.supergraph import Supergraph, load_supergraph
from tests.router.fixtures.compose import supergraph_path

OPERATIONS: list[tuple[str, str, str]] = [
    (
        "shop",
        "products+reviews+accounts",
        "query Top { topProducts { name price reviews { body author { name username } } } }",
    ),
    (
        "shop",
        "requires via 2 hops",
        "query Latest { latestReviews { body author { username name }"
        " product { inStock name shippingEstimate } } }",
    ),
    (
        "shop",
        "there and back",
        "query Me($withReviews: Boolean!) { me { name reviews @include(if: $withReviews)"
        " { body product { name inStock reviews { author { name } } } } } }",
    ),
    (
        "shop",
        "mutation",
        'mutation { addProduct(upc: "9", name: "X", price: 1) { upc inStock }'
        ' createUser(name: "B") { id } }',
    ),
    (
        "abstract",
        "interfaceObject + union",
        'query S { search(term: "x") { __typename ... on Person { name }'
        " ... on Media { title rating } }"
        " topRated { __typename title ... on Movie { director } } }",
    ),
]


def _time(action: Callable[[], object], rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=300)
    rounds = parser.parse_args().rounds
    print(f"{'operation':<28}{'cold µs':>10}{'cached µs':>11}{'fetches':>9}")
    for fixture, label, query in OPERATIONS:
        supergraph = load_supergraph(supergraph_path(fixture).read_text())

        def cold(query: str = query, supergraph: Supergraph = supergraph) -> object:
            document = parse(query)
            assert not validate(supergraph.api_schema, document)
            operation = normalize_operation(supergraph.api_schema, document)
            return QueryPlanner(supergraph).plan(operation)  # a fresh planner: nothing memoized

        preparer = OperationPreparer(supergraph.api_schema)
        cache = PlanCache(QueryPlanner(supergraph))
        labels = OverrideLabels(supergraph.override_labels)

        def cached(
            query: str = query,
            preparer: OperationPreparer = preparer,
            cache: PlanCache = cache,
            labels: OverrideLabels = labels,
        ) -> object:
            prepared = preparer.prepare(query, None)
            assert prepared.operation is not None
            return cache.plan(prepared.operation, labels.for_request())

        plan = cached()
        assert isinstance(plan, QueryPlan)
        cold_us, cached_us = _time(cold, rounds), _time(cached, rounds * 10)
        print(f"{label:<28}{cold_us:>10.0f}{cached_us:>11.1f}{len(plan.fetches()):>9}")


if __name__ == "__main__":
    main()
