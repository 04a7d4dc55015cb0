"""Supergraph loading: the planner's model of the join directives and the clients' API schema."""

from router.supergraph.errors import SupergraphError
from router.supergraph.load import load_supergraph
from router.supergraph.model import (
    EntityKey,
    FieldInGraph,
    FieldMeta,
    Subgraph,
    Supergraph,
    TypeInGraph,
    TypeKind,
    TypeMeta,
)

__all__ = [
    "EntityKey",
    "FieldInGraph",
    "FieldMeta",
    "Subgraph",
    "Supergraph",
    "SupergraphError",
    "TypeInGraph",
    "TypeKind",
    "TypeMeta",
    "load_supergraph",
]
