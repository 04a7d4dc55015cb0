"""`@join__type(graph:, key:, extension:, resolvable:, isInterfaceObject:)` (and v0.1's
`@join__owner`): in which subgraphs a type exists, and how each can be entered as an entity."""

from __future__ import annotations

from graphql import DirectiveNode

from router.supergraph.errors import SupergraphError
from router.supergraph.field_sets import parse_field_set
from router.supergraph.join_names import JoinNames
from router.supergraph.links import boolean_argument, enum_argument, string_argument
from router.supergraph.model import EntityKey, Subgraph, TypeInGraph


def read_type_graphs(
    type_name: str,
    directives: tuple[DirectiveNode, ...],
    names: JoinNames,
    graphs: dict[str, Subgraph],
) -> tuple[dict[str, TypeInGraph], str | None]:
    """The type's presence per subgraph name, and its v0.1 owner subgraph if any."""
    result: dict[str, TypeInGraph] = {}
    owner: str | None = None
    for directive in directives:
        name = directive.name.value
        if name not in (names.type, names.owner):
            continue
        graph_value = enum_argument(directive, "graph")
        if graph_value is None or graph_value not in graphs:
            raise SupergraphError(f"@{name} on {type_name} names an unknown graph {graph_value!r}")
        graph = graphs[graph_value].name
        if name == names.owner:
            owner = graph
            continue
        entry = result.setdefault(graph, TypeInGraph(graph))
        key = string_argument(directive, "key")
        if key is not None:
            resolvable = boolean_argument(directive, "resolvable", default=True)
            entry.keys.append(EntityKey(key, parse_field_set(key), resolvable))
        entry.is_interface_object |= boolean_argument(directive, "isInterfaceObject")
        entry.extension |= boolean_argument(directive, "extension")
    return result, owner
