"""The federated graph the planner walks: for a (type, subgraph) position, which fields resolve
there, which other subgraphs can be entered through which keys, and which runtime types a
subgraph may return for an abstract type. Answers depend on the active override labels."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from graphql import FieldNode, InlineFragmentNode, SelectionSetNode

from router.planner.provided import Provided, provided_from
from router.supergraph.model import EntityKey, FieldInGraph, Supergraph, TypeKind


@dataclass(frozen=True)
class LocalField:
    """A field the current subgraph resolves at this position."""

    requires: SelectionSetNode | None = None
    provided_child: Provided | None = None


@dataclass(frozen=True)
class EntryPoint:
    """Enter `graph` through `_entities` on `entity_type` (the field's parent type, or an
    interface of it) to resolve a field there."""

    graph: str
    entity_type: str
    keys: tuple[EntityKey, ...]
    requires: SelectionSetNode | None
    typename_rewrite: str | None  # @interfaceObject: the subgraph expects the interface name


class FederatedGraph:
    def __init__(self, supergraph: Supergraph, labels: frozenset[str]) -> None:
        self.supergraph = supergraph
        self.labels = labels
        self._possible_in: dict[tuple[str, str], frozenset[str]] = {}
        self._entry_points: dict[tuple[str, str], tuple[EntryPoint, ...]] = {}

    @cached_property
    def subgraph_order(self) -> dict[str, int]:
        return {name: index for index, name in enumerate(sorted(self.supergraph.subgraphs))}

    def is_abstract(self, type_name: str) -> bool:
        return self.supergraph.types[type_name].is_abstract

    def is_interface_object(self, type_name: str, graph: str) -> bool:
        entry = self.supergraph.types[type_name].graphs.get(graph)
        return entry is not None and entry.is_interface_object

    def key_field_names(self, type_name: str, graph: str) -> set[str]:
        entry = self.supergraph.types[type_name].graphs.get(graph)
        names: set[str] = set()
        for key in entry.keys if entry else ():
            names.update(s.name.value for s in key.selection.selections if isinstance(s, FieldNode))
        return names

    def local_field(
        self, graph: str, parent: str, name: str, provided: Provided | None
    ) -> LocalField | None:
        if name == "__typename":
            return LocalField()
        if provided is not None:
            child = provided.lookup(parent, name)
            if child is not None:
                return LocalField(provided_child=child)
        meta = self.supergraph.field(parent, name)
        entry = meta.in_graphs.get(graph) if meta else None
        if entry is None:
            return None
        if entry.active(self.labels):
            return LocalField(
                requires=entry.requires,
                provided_child=provided_from(entry.provides) if entry.provides else None,
            )
        if entry.external and name in self.key_field_names(parent, graph):
            return LocalField()  # a Fed-1 external key field: the subgraph still returns it
        return None

    def selection_local(
        self, graph: str, parent: str, selection: SelectionSetNode, provided: Provided | None
    ) -> bool:
        """Whether a key/requires selection resolves entirely in `graph` at this position."""
        for node in selection.selections:
            if isinstance(node, FieldNode):
                local = self.local_field(graph, parent, node.name.value, provided)
                if local is None or local.requires is not None:
                    return False
                if node.selection_set:
                    meta = self.supergraph.field(parent, node.name.value)
                    assert meta is not None
                    if not self.selection_local(
                        graph, meta.type_name, node.selection_set, local.provided_child
                    ):
                        return False
            elif isinstance(node, InlineFragmentNode):
                condition = node.type_condition.name.value if node.type_condition else parent
                if not self.selection_local(graph, condition, node.selection_set, provided):
                    return False
        return True

    def possible_in(self, graph: str, abstract: str) -> frozenset[str]:
        """Object types `graph` may return where it returns `abstract`."""
        cache_key = (graph, abstract)
        cached = self._possible_in.get(cache_key)
        if cached is not None:
            return cached
        meta = self.supergraph.types[abstract]
        if meta.kind is TypeKind.UNION:
            result = frozenset(meta.members_in.get(graph, ()))
        elif self.is_interface_object(abstract, graph):
            result = frozenset()
        else:
            result = frozenset(
                name
                for name in self.supergraph.possible(abstract)
                if abstract in self.supergraph.types[name].implements_in.get(graph, ())
            )
        self._possible_in[cache_key] = result
        return result

    def _entry(
        self, entity_type: str, entry: FieldInGraph, rewrite_allowed: bool
    ) -> EntryPoint | None:
        type_in_graph = self.supergraph.types[entity_type].graphs.get(entry.graph)
        if type_in_graph is None:
            return None
        keys = tuple(type_in_graph.resolvable_keys())
        if not keys:
            return None
        rewrite = entity_type if type_in_graph.is_interface_object and rewrite_allowed else None
        return EntryPoint(entry.graph, entity_type, keys, entry.requires, rewrite)

    def entry_points(self, parent: str, name: str) -> tuple[EntryPoint, ...]:
        """Every subgraph that resolves `parent.name` and can be entered through a key, directly
        on `parent` or through an interface of it (entity interface or @interfaceObject)."""
        cache_key = (parent, name)
        cached = self._entry_points.get(cache_key)
        if cached is not None:
            return cached
        found: list[EntryPoint] = []
        meta = self.supergraph.field(parent, name)
        for entry in meta.resolvers(self.labels) if meta else ():
            point = self._entry(parent, entry, rewrite_allowed=True)
            if point is not None:
                found.append(point)
        for interface in self.supergraph.types[parent].interfaces:
            interface_field = self.supergraph.field(interface, name)
            for entry in interface_field.resolvers(self.labels) if interface_field else ():
                if any(p.graph == entry.graph for p in found):
                    continue
                point = self._entry(interface, entry, rewrite_allowed=True)
                if point is not None and point.typename_rewrite is not None:
                    found.append(point)
        found.sort(key=lambda p: self.subgraph_order[p.graph])
        result = tuple(found)
        self._entry_points[cache_key] = result
        return result

    def concrete_type_entry(self, interface: str) -> EntryPoint | None:
        """A subgraph defining `interface` as an entity interface: it can tell the concrete type
        of an entity an @interfaceObject subgraph only knows as the interface."""
        meta = self.supergraph.types[interface]
        for graph in sorted(meta.graphs, key=lambda g: self.subgraph_order[g]):
            entry = meta.graphs[graph]
            if not entry.is_interface_object and entry.resolvable_keys():
                return EntryPoint(graph, interface, tuple(entry.resolvable_keys()), None, None)
        return None

    def root_field_graphs(self, root_type: str, name: str) -> list[str]:
        meta = self.supergraph.field(root_type, name)
        graphs = [entry.graph for entry in meta.resolvers(self.labels)] if meta else []
        return sorted(graphs, key=lambda g: self.subgraph_order[g])
