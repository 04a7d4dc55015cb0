"""Normalization: fragments inlined, conditions, merging, type conditions, cache signatures."""

from __future__ import annotations

import pytest
from graphql import parse

from router.planner.normalize import Condition, Field, InlineFragment, normalize_operation
from router.supergraph import Supergraph, load_supergraph
from tests.router.fixtures.compose import supergraph_path


@pytest.fixture(scope="module")
def abstract_supergraph() -> Supergraph:
    return load_supergraph(supergraph_path("abstract").read_text())


def normalize(supergraph: Supergraph, query: str, name: str | None = None):  # type: ignore[no-untyped-def]
    return normalize_operation(supergraph.api_schema, parse(query), name)


def test_fragments_are_inlined_and_merged(abstract_supergraph: Supergraph) -> None:
    operation = normalize(
        abstract_supergraph,
        "{ media { id ...T } media { id title } } fragment T on Media { title }",
    )
    (media,) = operation.selections
    assert isinstance(media, Field)
    assert [s.response_key for s in media.selections if isinstance(s, Field)] == ["id", "title"]


def test_conditions(abstract_supergraph: Supergraph) -> None:
    operation = normalize(
        abstract_supergraph,
        "query($x: Boolean!) { media { id @skip(if: true) title @include(if: $x) } }",
    )
    (media,) = operation.selections
    assert isinstance(media, Field)
    (title,) = media.selections
    assert isinstance(title, Field) and title.conditions == {Condition("x", True)}


def test_type_conditions_simplified(abstract_supergraph: Supergraph) -> None:
    operation = normalize(
        abstract_supergraph,
        """{ media { ... on Media { id } ... on Person { id } ... on Book { author } } }""",
    )
    (media,) = operation.selections
    assert isinstance(media, Field)
    # `... on Media` inside Media is hoisted; `... on Person` can never match and is dropped.
    assert [type(s).__name__ for s in media.selections] == ["Field", "InlineFragment"]
    fragment = media.selections[1]
    assert isinstance(fragment, InlineFragment) and fragment.type_condition == "Book"


def test_equivalent_spellings_share_a_signature(abstract_supergraph: Supergraph) -> None:
    inline = normalize(abstract_supergraph, "{ media { id title } }")
    spread = normalize(
        abstract_supergraph, "query { media { ...F id } } fragment F on Media { id title }"
    )
    assert inline.signature == spread.signature


def test_introspection_is_set_aside(abstract_supergraph: Supergraph) -> None:
    operation = normalize(abstract_supergraph, "{ __schema { queryType { name } } media { id } }")
    assert [f.name for f in operation.introspection] == ["__schema"]
    assert [s.response_key for s in operation.selections if isinstance(s, Field)] == ["media"]
