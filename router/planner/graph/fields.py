"""Which subgraph resolves which field, read from the join directives the way Apollo extracts
subgraphs from a supergraph: external fields are not resolvable (except the key fields of a
Federation 1 `extend type`, which the subgraph does resolve), an overridden field belongs to the
overriding subgraph, and a progressive override follows the request's labels."""

from __future__ import annotations

from graphql import FieldNode

from router.supergraph.model import FieldInGraph, Supergraph, TypeInGraph


def _key_field_names(type_in_graph: TypeInGraph) -> frozenset[str]:
    names: set[str] = set()
    for key in type_in_graph.keys:
        names.update(s.name.value for s in key.selection.selections if isinstance(s, FieldNode))
    return frozenset(names)


class FieldResolution:
    """Answers for one supergraph and one set of active override labels (memoized)."""

    def __init__(self, supergraph: Supergraph, labels: frozenset[str]) -> None:
        self.supergraph = supergraph
        self.labels = labels
        self._entries: dict[tuple[str, str, str], FieldInGraph | None] = {}

    def entry(self, type_name: str, field_name: str, subgraph: str) -> FieldInGraph | None:
        """The field's @join__field for `subgraph` when that subgraph resolves it, else None."""
        cache_key = (type_name, field_name, subgraph)
        if cache_key in self._entries:
            return self._entries[cache_key]
        result = self._compute(type_name, field_name, subgraph)
        self._entries[cache_key] = result
        return result

    def _compute(self, type_name: str, field_name: str, subgraph: str) -> FieldInGraph | None:
        meta = self.supergraph.field(type_name, field_name)
        if meta is None:
            return None
        entry = meta.in_graphs.get(subgraph)
        if entry is None:
            # Join v0.1 lists only the owner's fields; another graph's key fields are its own.
            if self.supergraph.is_fed1 and self._fake_external(type_name, field_name, subgraph):
                return FieldInGraph(subgraph)
            return None
        if entry.active(self.labels):
            return entry
        if entry.external and self._fake_external(type_name, field_name, subgraph):
            return FieldInGraph(subgraph, type_in_graph=entry.type_in_graph)
        return None

    def _fake_external(self, type_name: str, field_name: str, subgraph: str) -> bool:
        """A key field marked @external only because Federation 1 required it on `extend type`:
        the subgraph resolves it (Apollo's `collectFakeExternals`)."""
        type_in_graph = self.supergraph.types[type_name].graphs.get(subgraph)
        if type_in_graph is None:
            return False
        if not (self.supergraph.is_fed1 or type_in_graph.extension):
            return False
        return field_name in _key_field_names(type_in_graph)

    def directly_resolvable(self, type_name: str, field_name: str, subgraph: str) -> bool:
        """Resolvable without anything fetched first (no @requires)."""
        entry = self.entry(type_name, field_name, subgraph)
        return entry is not None and entry.requires is None

    def subgraphs_resolving(self, type_name: str, field_name: str) -> list[str]:
        meta = self.supergraph.field(type_name, field_name)
        if meta is None:
            return []
        return [g for g in meta.in_graphs if self.entry(type_name, field_name, g) is not None]
