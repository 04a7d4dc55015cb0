"""Loading supergraphs: join metadata per subgraph, link feature checks, the API schema."""

from __future__ import annotations

import pytest
from graphql import print_schema

from router.supergraph import SupergraphError, TypeKind, load_supergraph
from tests.router.fixtures.compose import supergraph_path


def test_join_metadata_of_a_composed_supergraph() -> None:
    supergraph = load_supergraph(supergraph_path("shop").read_text())
    assert supergraph.subgraphs["products"].url == "http://products.fixture.invalid/graphql"
    product = supergraph.types["Product"]
    assert [k.fields for k in product.graphs["products"].keys] == ["upc", "sku"]
    assert [k.fields for k in product.graphs["reviews"].keys] == ["sku"]
    shipping = product.fields["shippingEstimate"].in_graphs["inventory"]
    assert shipping.requires is not None
    assert product.fields["price"].in_graphs["inventory"].external
    author = supergraph.types["Review"].fields["author"].in_graphs["reviews"]
    assert author.provides is not None
    assert set(supergraph.types["User"].fields["username"].in_graphs) == {"accounts", "reviews"}


def test_override_interface_object_and_abstract_relations() -> None:
    override = load_supergraph(supergraph_path("override").read_text())
    tier = override.types["Account"].fields["tier"].in_graphs
    assert (
        tier["ledger"].override_from == "legacy"
        and tier["ledger"].override_label == "tierMigration"
    )
    assert not tier["ledger"].active(frozenset()) and tier["ledger"].active(
        frozenset({"tierMigration"})
    )
    assert tier["legacy"].active(frozenset()) and not tier["legacy"].active(
        frozenset({"tierMigration"})
    )
    assert override.override_labels == {"tierMigration"}
    balance = override.types["Account"].fields["balance"].in_graphs
    assert set(balance) == {"ledger"}  # the overridden copy is gone

    abstract = load_supergraph(supergraph_path("abstract").read_text())
    media = abstract.types["Media"]
    assert media.kind is TypeKind.INTERFACE
    assert media.graphs["ratings"].is_interface_object
    assert abstract.types["Book"].implements_in == {"media": {"Media"}}
    assert abstract.types["SearchResult"].members_in["media"] == {"Book", "Movie", "Person"}
    assert abstract.possible("Media") == {"Book", "Movie"}


def test_api_schema_strips_machinery_and_inaccessible_elements() -> None:
    supergraph = load_supergraph(supergraph_path("shop").read_text())
    printed = print_schema(supergraph.api_schema)
    assert "join__" not in printed and "link__" not in printed and "@" not in printed
    assert "internalCode" not in printed
    assert "internalCode" in supergraph.types["Product"].fields  # the planner still knows it


def _minimal(link: str, extra: str = "") -> str:
    return f"""
schema
  @link(url: "https://specs.apollo.dev/link/v1.0")
  @link(url: "https://specs.apollo.dev/join/v0.3", for: EXECUTION)
  {link}
{{ query: Query }}
directive @link(url: String, as: String, for: link__Purpose, import: [link__Import]) repeatable on SCHEMA
directive @join__graph(name: String!, url: String!) on ENUM_VALUE
directive @join__type(graph: join__Graph!, key: join__FieldSet, extension: Boolean! = false, resolvable: Boolean! = true, isInterfaceObject: Boolean! = false) repeatable on OBJECT | INTERFACE | UNION | ENUM | INPUT_OBJECT | SCALAR
directive @join__field(graph: join__Graph, requires: join__FieldSet, provides: join__FieldSet, type: String, external: Boolean, override: String, usedOverridden: Boolean) repeatable on FIELD_DEFINITION | INPUT_FIELD_DEFINITION
scalar join__FieldSet
scalar link__Import
enum link__Purpose {{ SECURITY EXECUTION }}
enum join__Graph {{ A @join__graph(name: "a", url: "http://a") }}
{extra}
type Query @join__type(graph: A) {{ hello: String }}
"""


@pytest.mark.parametrize("purpose", ["SECURITY", "EXECUTION"])
def test_unknown_security_or_execution_feature_is_refused(purpose: str) -> None:
    sdl = _minimal(f'@link(url: "https://example.com/vault/v1.0", for: {purpose})')
    with pytest.raises(SupergraphError, match=f"vault/v1.0 is for: {purpose} but is unsupported"):
        load_supergraph(sdl)


def test_known_but_unimplemented_security_feature_is_refused_by_name() -> None:
    sdl = _minimal('@link(url: "https://specs.apollo.dev/authenticated/v0.1", for: SECURITY)')
    with pytest.raises(SupergraphError, match="@authenticated"):
        load_supergraph(sdl)


def test_unknown_feature_without_purpose_is_accepted() -> None:
    sdl = _minimal('@link(url: "https://example.com/docs/v0.1")')
    assert load_supergraph(sdl).types["Query"].fields["hello"].in_graphs.keys() == {"a"}


def test_not_a_supergraph() -> None:
    with pytest.raises(SupergraphError, match="join"):
        load_supergraph("type Query { a: Int }")


def test_join_v01_with_owner() -> None:
    sdl = """
schema @core(feature: "https://specs.apollo.dev/core/v0.1") @core(feature: "https://specs.apollo.dev/join/v0.1") { query: Query }
directive @core(feature: String!) repeatable on SCHEMA
directive @join__owner(graph: join__Graph!) on OBJECT | INTERFACE
directive @join__type(graph: join__Graph!, key: join__FieldSet) repeatable on OBJECT | INTERFACE
directive @join__field(graph: join__Graph, requires: join__FieldSet, provides: join__FieldSet) on FIELD_DEFINITION
directive @join__graph(name: String!, url: String!) on ENUM_VALUE
scalar join__FieldSet
enum join__Graph { ACCOUNTS @join__graph(name: "accounts", url: "http://a") REVIEWS @join__graph(name: "reviews", url: "http://r") }
type Query { me: User @join__field(graph: ACCOUNTS) }
type User @join__owner(graph: ACCOUNTS) @join__type(graph: ACCOUNTS, key: "id") @join__type(graph: REVIEWS, key: "id") {
  id: ID!
  name: String
  reviews: [String] @join__field(graph: REVIEWS)
}
"""
    supergraph = load_supergraph(sdl)
    user = supergraph.types["User"]
    assert set(user.fields["name"].in_graphs) == {"accounts"}
    assert set(user.fields["reviews"].in_graphs) == {"reviews"}
    assert set(user.graphs) == {"accounts", "reviews"}
