"""`@join__field`: which subgraphs resolve a field, and under which conditions (@requires,
@provides, @external, @override with its progressive label, a differing type)."""

from __future__ import annotations

from graphql import DirectiveNode

from router.supergraph.errors import SupergraphError
from router.supergraph.field_sets import parse_field_set
from router.supergraph.join_names import JoinNames
from router.supergraph.links import boolean_argument, enum_argument, string_argument
from router.supergraph.model import FieldInGraph, Subgraph


def read_field_graphs(
    coordinate: str,
    directives: tuple[DirectiveNode, ...],
    names: JoinNames,
    graphs: dict[str, Subgraph],
    type_graphs: list[str],
) -> dict[str, FieldInGraph]:
    """Per subgraph name. A field without any @join__field lives in every subgraph of its type
    (`type_graphs`, which is only the owner for a v0.1 owned type)."""
    applications = [d for d in directives if d.name.value == names.field]
    if not applications:
        return {graph: FieldInGraph(graph) for graph in type_graphs}
    result: dict[str, FieldInGraph] = {}
    for directive in applications:
        graph_value = enum_argument(directive, "graph")
        if graph_value is None:
            continue  # v0.3+: inherited through an @interfaceObject, not from any subgraph
        if graph_value not in graphs:
            raise SupergraphError(
                f"@join__field on {coordinate} names an unknown graph {graph_value!r}"
            )
        graph = graphs[graph_value].name
        requires = string_argument(directive, "requires")
        provides = string_argument(directive, "provides")
        entry = FieldInGraph(
            graph=graph,
            requires=parse_field_set(requires) if requires else None,
            provides=parse_field_set(provides) if provides else None,
            type_in_graph=string_argument(directive, "type"),
            external=boolean_argument(directive, "external"),
            override_from=string_argument(directive, "override"),
            used_overridden=boolean_argument(directive, "usedOverridden"),
            override_label=string_argument(directive, "overrideLabel"),
        )
        previous = result.get(graph)
        # A graph may appear twice (e.g. external + resolvable in Fed-1 style); resolvable wins.
        if previous is None or (previous.external and not entry.external):
            result[graph] = entry
    return result
