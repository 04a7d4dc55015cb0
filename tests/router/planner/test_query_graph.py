"""The query graph built from a supergraph: which edges exist between (type, subgraph)
vertices, read from the fixture supergraphs."""

from __future__ import annotations

from router.planner.graph import EdgeKind, QueryGraph
from router.supergraph import load_supergraph
from tests.router.fixtures.compose import supergraph_path


def _graph(fixture: str, labels: frozenset[str] = frozenset()) -> QueryGraph:
    return QueryGraph(load_supergraph(supergraph_path(fixture).read_text()), labels)


def test_external_fields_have_no_edge_but_provided_ones_do_on_the_copy() -> None:
    graph = _graph("provides")
    user = graph.vertex("User", "reviews")
    assert user is not None
    assert graph.field_edge(user, "name") is None  # @external in reviews
    review = graph.vertex("Review", "reviews")
    assert review is not None
    author = graph.field_edge(review, "author")
    assert author is not None and author.tail.base is user  # a @provides copy of User
    provided = graph.field_edge(author.tail, "name")
    assert provided is not None and provided.provided
    editor = graph.field_edge(review, "editor")
    assert editor is not None and editor.tail is user  # no @provides there


def test_requires_is_a_condition_of_the_field_edge() -> None:
    graph = _graph("shop")
    product = graph.vertex("Product", "inventory")
    assert product is not None
    edge = graph.field_edge(product, "shippingEstimate")
    assert edge is not None and edge.conditions is not None
    assert [s.name for s in edge.conditions] == ["price", "weight"]  # type: ignore[union-attr]


def test_key_edges_into_every_subgraph_resolving_the_entity() -> None:
    graph = _graph("shop")
    product = graph.vertex("Product", "reviews")
    assert product is not None
    jumps = {(e.tail.subgraph, e.name) for e in graph.edges(product).jumps}
    assert jumps == {("inventory", "upc"), ("products", "upc"), ("products", "sku")}


def test_interface_field_edge_only_when_every_implementation_resolves_it() -> None:
    graph = _graph("entity_interfaces")
    media = graph.vertex("Media", "media")
    assert media is not None
    assert graph.field_edge(media, "title") is not None
    assert set(graph.edges(media).casts) == {"Book", "Movie"}
    assert graph.field_edge(media, "rating") is None  # only the @interfaceObject has it


def test_interface_object_has_no_typename_but_casts_conditioned_on_it() -> None:
    graph = _graph("entity_interfaces")
    media = graph.vertex("Media", "ratings")
    assert media is not None and media.interface_object
    assert graph.field_edge(media, "__typename") is None
    casts = graph.edges(media).interface_object_casts
    assert set(casts) == {"Book", "Movie"}
    assert all(e.kind is EdgeKind.INTERFACE_OBJECT_CAST for e in casts.values())
    book = graph.vertex("Book", "media")
    assert book is not None
    assert ("ratings", "Media") in {
        (e.tail.subgraph, e.tail.type_name) for e in graph.edges(book).jumps
    }


def test_override_labels_choose_the_edge() -> None:
    off, on = _graph("override"), _graph("override", frozenset({"tierMigration"}))
    for graph, legacy_has_tier in ((off, True), (on, False)):
        legacy = graph.vertex("Account", "legacy")
        ledger = graph.vertex("Account", "ledger")
        assert legacy is not None and ledger is not None
        assert (graph.field_edge(legacy, "tier") is not None) is legacy_has_tier
        assert (graph.field_edge(ledger, "tier") is not None) is not legacy_has_tier
        assert graph.field_edge(legacy, "balance") is None  # overridden for good


def test_union_members_per_subgraph() -> None:
    graph = _graph("abstract_members")
    search = graph.vertex("Result", "search")
    catalog = graph.vertex("Result", "catalog")
    assert search is not None and catalog is not None
    assert graph.runtime_types(search) == {"Book", "Film"}
    assert graph.runtime_types(catalog) == {"Book", "Album"}
