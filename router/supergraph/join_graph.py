"""`enum join__Graph { X @join__graph(name:, url:) }`: the subgraphs and where they are served."""

from __future__ import annotations

from graphql import DocumentNode, EnumTypeDefinitionNode

from router.supergraph.errors import SupergraphError
from router.supergraph.join_names import JoinNames
from router.supergraph.links import string_argument
from router.supergraph.model import Subgraph


def read_graphs(document: DocumentNode, names: JoinNames) -> dict[str, Subgraph]:
    """Subgraphs by join__Graph enum value."""
    for definition in document.definitions:
        if (
            isinstance(definition, EnumTypeDefinitionNode)
            and definition.name.value == names.graph_enum
        ):
            graphs: dict[str, Subgraph] = {}
            for value in definition.values or ():
                for directive in value.directives or ():
                    if directive.name.value != names.graph:
                        continue
                    name = string_argument(directive, "name") or value.name.value
                    url = string_argument(directive, "url") or ""
                    graphs[value.name.value] = Subgraph(name, url)
            return graphs
    raise SupergraphError(f"not a supergraph: no enum {names.graph_enum}")
