"""Our composition against Apollo's (@apollo/composition 2.14): same API schema, same join
facts, and in fact the same supergraph text, on our supergraph and on every fixture set."""

from __future__ import annotations

from typing import Any

import pytest

from composition import SubgraphInput, compose
from tests.composition.conftest import PROJECT, REAL_SALEOR, project_inputs, real_saleor_inputs
from tests.composition.support import (
    fixture_sets,
    join_facts,
    load_set,
    normalized_api_schema,
)

EXERCISED = {  # what each fixture set must exercise, so a fixture edit cannot silently drop it
    "compound_keys": ['key: "id sku"', 'key: "id org { id }"', 'key: "upc"'],
    "shareable": ['type: "String"', 'type: "String!"'],
    "requires": ['requires: "weight dims { width height }"', "external: true"],
    "provides": ['provides: "username"', "resolvable: false"],
    "override": ['override: "old"', "usedOverridden: true", 'overrideLabel: "percent(25)"'],
    "inaccessible": ["@inaccessible", "inaccessible/v0.2"],
    "tag": ['@tag(name: "entity")', "tag/v0.3"],
    "interface_object": ["isInterfaceObject: true", "@join__field\n"],
    "entity_interfaces": ['@join__implements(graph: MEDIA, interface: "Media")'],
    "unions": ['@join__unionMember(graph: LIBRARY, member: "Magazine")'],
    "enums": ["@join__enumValue(graph: A)", "enum InputOnly"],
    "fed1": ["extension: true", 'provides: "name"', "join/v0.3"],
    "fed_versions": ["join/v0.5"],
    "value_types": ["type Stats"],
    "root_types": ["subscription: Subscription"],
    "executable_directive": ["directive @cached"],
    "key_jumps": ['key: "sku"', 'key: "id", resolvable: false', 'requires: "weight"'],
}


def _assert_same(ours: str, apollo: dict[str, Any]) -> None:
    assert "supergraph" in apollo, f"Apollo rejected the set: {apollo.get('errors')}"
    theirs: str = apollo["supergraph"]
    assert normalized_api_schema(ours) == normalized_api_schema(theirs)
    assert join_facts(ours) == join_facts(theirs)
    assert ours == theirs


def test_enough_fixture_sets() -> None:
    assert len(fixture_sets()) >= 15
    assert set(EXERCISED) <= set(fixture_sets())


@pytest.mark.parametrize("name", fixture_sets())
def test_fixture_set_composes_like_apollo(name: str, apollo_results: dict[str, Any]) -> None:
    ours = compose(load_set(name))
    for expected in EXERCISED.get(name, []):
        assert expected in ours, f"{name} no longer exercises {expected!r}"
    _assert_same(ours, apollo_results[name])


def test_project_supergraph_composes_like_apollo(apollo_results: dict[str, Any]) -> None:
    ours = compose(project_inputs())
    assert '@link(url: "https://specs.apollo.dev/join/v0.4", for: EXECUTION)' in ours
    assert 'CONTROL_PLANE @join__graph(name: "control-plane"' in ours
    _assert_same(ours, apollo_results[PROJECT])


def test_real_saleor_sdl_composes_like_apollo(apollo_results: dict[str, Any]) -> None:
    ours = compose(real_saleor_inputs())
    _assert_same(ours, apollo_results[REAL_SALEOR])


def test_fed1_upgrade_semantics() -> None:
    """Saleor-like Fed 1: value types become shareable, `extend type` keys stay resolvable."""
    fed1 = SubgraphInput(
        "old",
        "http://old",
        """
        type Query { p: Product }
        type Product @key(fields: "id") { id: ID! price: Money }
        type Money { amount: Float }
        extend type User @key(fields: "id") { id: ID! @external orders: [Product] }
        directive @doc(category: String!) on FIELD_DEFINITION | OBJECT
        type Thing @doc(category: "x") { a: Int @doc(category: "y") }
        extend type Query { things: [Thing] }""",
    )
    fed2 = SubgraphInput(
        "new",
        "http://new",
        """
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
                            import: ["@key", "@shareable"])
        type Query { me: User }
        type User @key(fields: "id") { id: ID! }
        type Money @shareable { amount: Float }""",
    )
    out = compose([fed1, fed2])
    assert (
        "type Money\n  @join__type(graph: NEW)\n  @join__type(graph: OLD)\n{\n  amount: Float\n}"
        in out
    )
    assert '@join__type(graph: OLD, key: "id")' in out  # extend type: no `extension: true`
    assert "@doc" not in out  # custom type-system directives are dropped
