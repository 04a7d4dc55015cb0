"""Planning time per operation, on our supergraph and on our supergraph composed with Saleor's
whole schema (schema/saleor.graphql; composed once, cached):

- fresh: planning with a new planner (query graph built as the operation touches it, nothing
  memoized): the first request after the router (re)loads a supergraph;
- cold: planning on a running router (a plan cache miss);
- prepare: parsing, validating and normalizing the operation (graphql-core's validation
  dominates; the router caches prepared operations too);
- cached: the router's prepared-operation and plan caches hit.

Medians (and minima: this machine is shared) over many rounds, in microseconds.

    .venv/bin/python -m bench.planning [--rounds N]
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from graphql import parse, validate

from bench.support import shop
from router.pipeline.override_labels import OverrideLabels
from router.pipeline.plan_cache import PlanCache
from router.pipeline.prepare import OperationPreparer
from router.planner import QueryPlan, QueryPlanner
from router.planner.normalize import normalize_operation
from router.supergraph import Supergraph, load_supergraph
from webhooks.saleor.processor import PROCESS_ORDER

REPO = Path(__file__).resolve().parents[1]
# Saleor's real SDL (Saleor 3.22's `_service { sdl }`, as the supergraph composes it).
SALEOR_SDL = REPO / "schema" / "saleor.graphql"
# The router tests' fixture supergraphs, read as data (the shop's lives in bench/support).
FIXTURE_SUPERGRAPHS = REPO / "tests" / "router" / "fixtures" / "supergraphs"

# The operations of the repository's storefront: README's worked examples, the storefront
# journey (tests/commerce), the webhook processor's mutation.
STOREFRONT: list[tuple[str, str]] = [
    (
        "README MyOrganizations",
        """query MyOrganizations { organizations {
          slug
          members { role user { id email } }
          wallet { balance reserved available
            entries(first: 3) { edges { node { kind amount balanceAfter } } } }
          instances(first: 5, status: ACTIVE) { totalCount edges { node {
            name
            offering { name creditsPerRun product { name } }
            runs(first: 3) { edges { node { status output creditsCharged usage { durationMs } } } }
          } } } } }""",
    ),
    (
        "README Catalog",
        """query Catalog { products(first: 20, channel: "default-channel") { edges { node {
          name offering { slug creditsPerRun plans { code includedCredits variant { id name } } }
        } } } }""",
    ),
    (
        "journey Catalog",
        """query Catalog($channel: String) { products(first: 50, channel: $channel) {
          edges { node { id name
            offering { slug creditsPerRun plans { code includedCredits variant { id name } } }
          } } } }""",
    ),
    (
        "journey Me",
        """query Me { me { email organizations {
          id
          wallet { balance reserved
            entries(first: 10) { edges { node { kind amount reference } } } }
          instances(first: 10) { totalCount edges { node {
            id status offering { slug } plan { code } order { id } } } }
        } } }""",
    ),
    (
        "journey runStart",
        "mutation($i: RunStartInput!) { runStart(input: $i) {"
        " run { id status } errors { code } } }",
    ),
    ("journey run", "query($id: ID!) { run(id: $id) { status creditsCharged output } }"),
    (
        "journey tokenCreate",
        'mutation($e: String!) { tokenCreate(email: $e, password: "pw")'
        " { token errors { code } } }",
    ),
    ("webhook ProcessSaleorOrder", PROCESS_ORDER),
]

# The fixture supergraphs' harder shapes (requires chains, interface objects, unions).
FIXTURES: list[tuple[str, str, str]] = [
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
        "requires_chain",
        "requires cycle + chain",
        "{ things { fa shipping label chained } }",
    ),
    (
        "abstract",
        "interfaceObject + union",
        'query S { search(term: "x") { __typename ... on Person { name }'
        " ... on Media { title rating } }"
        " topRated { __typename title ... on Movie { director } } }",
    ),
    (
        "entity_interfaces",
        "interface objects + entity interfaces",
        "{ topRated { __typename rating ... on Movie { minutes critics } } }",
    ),
]


def _whole_saleor_supergraph() -> str | None:
    """Our subgraphs with Saleor's whole SDL, composed by our composer (cached by content)."""
    if not SALEOR_SDL.exists():
        return None
    from composition.project import compose_project

    sources = [REPO / "schema" / f"{n}.graphql" for n in ("control-plane", "billing", "execution")]
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in [*sources, SALEOR_SDL])).hexdigest()[
        :16
    ]
    cache = Path(tempfile.gettempdir()) / f"cmp-bench-supergraph-{digest}.graphql"
    if cache.exists():
        return cache.read_text()
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        for source in sources:
            (folder / source.name).write_text(source.read_text())
        (folder / "saleor.graphql").write_text(SALEOR_SDL.read_text())
        config = (REPO / "schema" / "supergraph.toml").read_text()
        (folder / "supergraph.toml").write_text(config)
        sdl = compose_project(folder / "supergraph.toml")
    cache.write_text(sdl)
    return sdl


def _time(action: Callable[[], object], rounds: int) -> tuple[float, float]:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1e6, min(samples) * 1e6


def _measure(supergraph: Supergraph, query: str, rounds: int) -> tuple[float, ...]:
    document = parse(query)
    assert not validate(supergraph.api_schema, document)
    operation = normalize_operation(supergraph.api_schema, document)

    def plan(planner: QueryPlanner) -> QueryPlan:
        return planner.plan(operation)

    def prepare() -> object:
        prepared = parse(query)
        assert not validate(supergraph.api_schema, prepared)
        return normalize_operation(supergraph.api_schema, prepared)

    running = QueryPlanner(supergraph)
    plan(running)  # the router has planned before: its graph and search memos are warm
    preparer = OperationPreparer(supergraph.api_schema)
    cache = PlanCache(QueryPlanner(supergraph))
    labels = OverrideLabels(supergraph.override_labels)

    def cached() -> object:
        prepared = preparer.prepare(query, None)
        assert prepared.operation is not None
        return cache.plan(prepared.operation, labels.for_request())

    fetches = len(plan(running).fetches())
    fresh = _time(lambda: plan(QueryPlanner(supergraph)), max(5, rounds // 10))
    cold = _time(lambda: plan(running), rounds)
    prepared = _time(prepare, rounds)
    hit = _time(cached, rounds * 10)
    return (*fresh, *cold, *prepared, *hit, fetches)


def _table(title: str, rows: list[tuple[str, tuple[float, ...]]]) -> None:
    print(f"\n{title}")
    header = (
        "operation",
        "fresh µs",
        "(min)",
        "cold µs",
        "(min)",
        "prepare µs",
        "(min)",
        "cached µs",
        "(min)",
        "fetches",
    )
    print(f"{header[0]:<40}" + "".join(f"{h:>11}" for h in header[1:]))
    for label, (fm, fn, cm, cn, pm, pn, hm, hn, fetches) in rows:
        print(
            f"{label[:39]:<40}{fm:>11.0f}{fn:>11.0f}{cm:>11.0f}{cn:>11.0f}{pm:>11.0f}{pn:>11.0f}"
            f"{hm:>11.1f}{hn:>11.1f}{fetches:>11.0f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=200)
    rounds = parser.parse_args().rounds
    ours = load_supergraph((REPO / "schema" / "supergraph.graphql").read_text())
    _table(
        "our supergraph (schema/supergraph.graphql)",
        [(label, _measure(ours, query, rounds)) for label, query in STOREFRONT],
    )
    whole = _whole_saleor_supergraph()
    if whole is None:
        print(f"\n(no {SALEOR_SDL}: the supergraph with Saleor's whole schema is skipped)")
    else:
        with_saleor = load_supergraph(whole)
        _table(
            f"our supergraph with Saleor's whole schema ({len(with_saleor.types)} types)",
            [(label, _measure(with_saleor, query, rounds)) for label, query in STOREFRONT],
        )
    fixtures = []
    for fixture, label, query in FIXTURES:
        path = shop.SUPERGRAPH if fixture == "shop" else FIXTURE_SUPERGRAPHS / f"{fixture}.graphql"
        loaded = load_supergraph(path.read_text())
        fixtures.append((f"{fixture}: {label}", _measure(loaded, query, rounds)))
    _table("fixture supergraphs", fixtures)


if __name__ == "__main__":
    main()
