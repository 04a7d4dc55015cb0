"""@override (with progressive labels) and @shareable (fewest fetches)."""

from __future__ import annotations

import random

from router.pipeline.override_labels import OverrideLabels
from tests.router.conftest import Stack
from tests.router.fixtures.outline import outline

QUERY = "{ accounts { owner balance tier } }"


async def test_override_routes_the_field_to_the_overriding_subgraph(override_stack: Stack) -> None:
    # balance moved to ledger for good; tier stays in legacy while its label is off.
    plan = override_stack.plan(QUERY)
    assert outline(plan) == "Seq[legacy, ledger@accounts.@]"
    legacy, ledger = plan.fetches()
    assert "tier" in legacy.operation and "balance" not in legacy.operation
    assert "balance" in ledger.operation and "tier" not in ledger.operation
    assert await override_stack.query(QUERY) == {
        "data": {
            "accounts": [
                {"owner": "Ada", "balance": 100, "tier": "legacy-tier"},
                {"owner": "Alan", "balance": 250, "tier": "legacy-tier"},
            ]
        }
    }


async def test_progressive_override_label_on(override_stack: Stack) -> None:
    plan = override_stack.plan(QUERY, frozenset({"tierMigration"}))
    legacy, ledger = plan.fetches()
    assert "tier" not in legacy.operation and "tier" in ledger.operation
    router = override_stack.router_with(enabled_override_labels=frozenset({"tierMigration"}))
    try:
        assert await override_stack.query(QUERY, router=router) == {
            "data": {
                "accounts": [
                    {"owner": "Ada", "balance": 100, "tier": "gold"},
                    {"owner": "Alan", "balance": 250, "tier": "silver"},
                ]
            }
        }
    finally:
        await router.close()


def test_percent_labels_are_rolled_per_request() -> None:
    labels = OverrideLabels(
        frozenset({"percent(25)", "custom"}), frozenset({"custom"}), random.Random(7)
    )
    draws = [labels.for_request() for _ in range(2000)]
    assert all("custom" in d for d in draws)
    share = sum("percent(25)" in d for d in draws) / len(draws)
    assert 0.2 < share < 0.3


def test_plans_differ_by_label_and_are_cached_per_label(override_stack: Stack) -> None:
    from graphql import parse

    from router.planner.normalize import normalize_operation

    operation = normalize_operation(override_stack.supergraph.api_schema, parse(QUERY))
    cache = override_stack.router.plans
    off = cache.plan(operation, frozenset())
    on = cache.plan(operation, frozenset({"tierMigration", "unrelated"}))
    assert off != on
    assert cache.plan(operation, frozenset({"tierMigration"})) is on


async def test_shareable_fields_take_the_subgraph_needing_fewest_fetches(
    shareable_stack: Stack,
) -> None:
    # color is in colors and sizes; size only in sizes: one fetch to sizes covers both.
    query = "{ things { name color size } }"
    assert outline(shareable_stack.plan(query)) == "Seq[catalog, sizes@things.@]"
    assert await shareable_stack.query(query) == {
        "data": {
            "things": [
                {"name": "Ball", "color": "red", "size": 3},
                {"name": "Box", "color": "brown", "size": 10},
            ]
        }
    }
    assert shareable_stack.subgraphs["colors"].requests == []


async def test_shareable_root_field_from_the_subgraph_resolving_all_of_it(
    shareable_stack: Stack,
) -> None:
    # Config is a value type (no key): only colors resolves region, so config comes from there.
    query = "{ config { currency region } }"
    assert outline(shareable_stack.plan(query)) == "colors"
    assert await shareable_stack.query(query) == {
        "data": {"config": {"currency": "EUR", "region": "eu-west"}}
    }


async def test_shareable_root_field_joins_a_fetch_already_needed(shareable_stack: Stack) -> None:
    query = "{ things { name } config { currency } }"
    assert outline(shareable_stack.plan(query)) == "catalog"
    assert await shareable_stack.query(query) == {
        "data": {"things": [{"name": "Ball"}, {"name": "Box"}], "config": {"currency": "EUR"}}
    }
