"""`@join__implements(graph:, interface:)` and `@join__unionMember(graph:, member:)`: the
abstract-type relations each subgraph knows (a subgraph may not know every implementation)."""

from __future__ import annotations

from graphql import DirectiveNode

from router.supergraph.links import enum_argument, string_argument
from router.supergraph.model import Subgraph


def read_relations(
    directives: tuple[DirectiveNode, ...],
    directive_name: str,
    argument: str,
    graphs: dict[str, Subgraph],
) -> dict[str, set[str]]:
    """Subgraph name -> related type names (interfaces implemented, or union members)."""
    result: dict[str, set[str]] = {}
    for directive in directives:
        if directive.name.value != directive_name:
            continue
        graph_value = enum_argument(directive, "graph")
        related = string_argument(directive, argument)
        if graph_value in graphs and related:
            result.setdefault(graphs[graph_value].name, set()).add(related)
    return result
