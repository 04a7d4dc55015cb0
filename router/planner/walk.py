"""Choose where every selection is resolved and build the fetch groups.

Walks the normalized operation from the root, staying in the current subgraph while it can
resolve a field there and otherwise jumping into another subgraph through `_entities` with a key
the current subgraph can provide (planning the key first through other subgraphs if needed).
@requires fields are planned from the current position and sent in the representation; sibling
fields needing a jump are grouped into the fewest subgraphs (greedy weighted set cover with a
fetch-count estimate), which is how @shareable fields end up in the subgraph needing fewest fetches.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager

from graphql import FieldNode, InlineFragmentNode, SelectionSetNode, print_ast

from router.planner.fetch_groups import Group, SelectionTree
from router.planner.graph import EntryPoint, FederatedGraph
from router.planner.normalize.selection import (
    NO_CONDITIONS,
    Conditions,
    Field,
    InlineFragment,
    Selection,
)
from router.planner.plan import InputField, InputFragment, InputSelection
from router.planner.provided import Provided
from router.planner.response_keys import ResponseKeys


class PlanningError(Exception):
    """The operation cannot be resolved with this supergraph (a composition bug or a
    supergraph the planner does not support)."""


TYPENAME = Field("__typename", "__typename")


class Walk:
    def __init__(self, graph: FederatedGraph, keys: ResponseKeys) -> None:
        self.graph = graph
        self.supergraph = graph.supergraph
        self.keys = keys
        self.groups: list[Group] = []
        self._touched: list[set[Group]] = []
        self._children: dict[tuple[object, ...], list[Group]] = {}
        self._estimates: dict[tuple[object, ...], float] = {}
        # (type, path, subgraph) whose key is being planned: never enter it to get its own key.
        self._entering: set[tuple[str, tuple[str, ...], str]] = set()

    # -- groups -------------------------------------------------------------------------------

    def new_group(self, subgraph: str, path: tuple[str, ...], is_entity: bool) -> Group:
        group = Group(len(self.groups), subgraph, path, is_entity)
        self.groups.append(group)
        return group

    def touch(self, group: Group, conditions: Conditions) -> None:
        group.contribute(conditions)
        for touched in self._touched:
            touched.add(group)

    @contextmanager
    def capture(self) -> Iterator[set[Group]]:
        """Collect every group that receives a selection in this block."""
        touched: set[Group] = set()
        self._touched.append(touched)
        try:
            yield touched
        finally:
            self._touched.pop()

    # -- roots --------------------------------------------------------------------------------

    def plan_root(self, root_type: str, selections: tuple[Selection, ...]) -> list[Group]:
        roots: dict[str, Group] = {}
        for selection in selections:
            if isinstance(selection, InlineFragment):  # only with conditions at the root
                hoisted = tuple(
                    _with_conditions(s, selection.conditions) for s in selection.selections
                )
                for group in self.plan_root(root_type, hoisted):
                    roots.setdefault(group.subgraph, group)
                continue
            if selection.name == "__typename":
                continue  # answered from the schema when building the response
            graphs = self.graph.root_field_graphs(root_type, selection.name)
            if not graphs:
                raise PlanningError(f"no subgraph resolves {root_type}.{selection.name}")
            chosen = min(
                graphs,
                key=lambda g: (
                    (0 if g in roots else 1) + self.estimate(g, root_type, (selection,), None),
                    self.graph.subgraph_order[g],
                ),
            )
            if chosen not in roots:
                roots[chosen] = self.new_group(chosen, (), is_entity=False)
            group = roots[chosen]
            self.add_local(group, group.tree, root_type, (), selection, None, NO_CONDITIONS)
        return list(roots.values())

    # -- selections ---------------------------------------------------------------------------

    def plan_selections(
        self,
        group: Group,
        tree: SelectionTree,
        parent: str,
        path: tuple[str, ...],
        selections: tuple[Selection, ...],
        provided: Provided | None,
        conditions: Conditions,
    ) -> None:
        if self.graph.is_abstract(parent):
            self.plan_abstract(group, tree, parent, path, selections, provided, conditions, None)
            return
        remote: list[Field] = []
        for selection in selections:
            if isinstance(selection, InlineFragment):
                self.plan_selections(
                    group,
                    tree.fragment(selection.type_condition, selection.conditions),
                    parent,
                    path,
                    selection.selections,
                    provided,
                    conditions | selection.conditions,
                )
            elif not self.try_local(group, tree, parent, path, selection, provided, conditions):
                remote.append(selection)
        if remote:
            self.plan_remote(group, tree, parent, path, tuple(remote), provided, conditions)

    def try_local(
        self,
        group: Group,
        tree: SelectionTree,
        parent: str,
        path: tuple[str, ...],
        field: Field,
        provided: Provided | None,
        conditions: Conditions,
    ) -> bool:
        subgraph = group.subgraph
        if field.name == "__typename" and self.graph.is_interface_object(parent, subgraph):
            return False
        local = self.graph.local_field(subgraph, parent, field.name, provided)
        if local is None or local.requires is not None:
            return (
                False  # @requires: a later fetch sends the required fields, even to this subgraph
            )
        if field.selections and self._cheaper_elsewhere(
            subgraph, parent, field, local.provided_child
        ):
            return False
        self.add_local(group, tree, parent, path, field, local.provided_child, conditions)
        return True

    def add_local(
        self,
        group: Group,
        tree: SelectionTree,
        parent: str,
        path: tuple[str, ...],
        field: Field,
        child_provided: Provided | None,
        conditions: Conditions,
    ) -> None:
        field_conditions = conditions | field.conditions
        node = tree.field(
            field.response_key,
            field.name,
            field.arguments,
            field.conditions,
            composite=bool(field.selections),
            variables=field.variables,
        )
        self.touch(group, field_conditions)
        if field.selections:
            meta = self.supergraph.field(parent, field.name)
            if meta is None:
                raise PlanningError(f"unknown field {parent}.{field.name}")
            assert node.child is not None
            child_path = path + (field.response_key,) + ("@",) * meta.list_depth
            self.plan_selections(
                group,
                node.child,
                meta.type_name,
                child_path,
                field.selections,
                child_provided,
                field_conditions,
            )

    # -- abstract types -----------------------------------------------------------------------

    def plan_abstract(
        self,
        group: Group,
        tree: SelectionTree,
        abstract: str,
        path: tuple[str, ...],
        selections: tuple[Selection, ...],
        provided: Provided | None,
        conditions: Conditions,
        restricted: frozenset[str] | None,
    ) -> None:
        subgraph = group.subgraph
        if self.graph.is_interface_object(abstract, subgraph):
            self._plan_on_interface_object(
                group, tree, abstract, path, selections, provided, conditions
            )
            return
        # The executor needs the runtime type to apply type conditions and build representations.
        tree.field("__typename", "__typename")
        self.touch(group, conditions)
        possible = self.graph.possible_in(subgraph, abstract)
        if restricted is not None:
            possible &= restricted
        remote: list[Field] = []
        for selection in selections:
            if isinstance(selection, Field):
                if selection.name == "__typename":
                    self.add_local(group, tree, abstract, path, selection, None, conditions)
                elif self._uniformly_local(subgraph, abstract, selection.name, possible, provided):
                    local = self.graph.local_field(subgraph, abstract, selection.name, provided)
                    assert local is not None
                    self.add_local(
                        group, tree, abstract, path, selection, local.provided_child, conditions
                    )
                else:
                    remote.append(selection)
                continue
            self._plan_type_condition(
                group, tree, abstract, path, selection, provided, conditions, possible
            )
        if not remote:
            return
        if all(self._enterable_at(subgraph, abstract, f, provided) for f in remote):
            self.plan_remote(group, tree, abstract, path, tuple(remote), provided, conditions)
            return
        for object_type in sorted(possible):  # resolve per implementation instead
            self.plan_selections(
                group,
                tree.fragment(object_type),
                object_type,
                path,
                tuple(remote),
                provided,
                conditions,
            )

    def _plan_type_condition(
        self,
        group: Group,
        tree: SelectionTree,
        abstract: str,
        path: tuple[str, ...],
        fragment: InlineFragment,
        provided: Provided | None,
        conditions: Conditions,
        possible: frozenset[str],
    ) -> None:
        condition = fragment.type_condition
        inner_conditions = conditions | fragment.conditions
        matching = possible & self.supergraph.possible(condition)
        if not matching:
            return  # this subgraph never returns such an object here
        condition_meta = self.supergraph.types[condition]
        if not condition_meta.is_abstract:
            self.plan_selections(
                group,
                tree.fragment(condition, fragment.conditions),
                condition,
                path,
                fragment.selections,
                provided,
                inner_conditions,
            )
        elif group.subgraph in condition_meta.graphs and not self.graph.is_interface_object(
            condition, group.subgraph
        ):
            self.plan_abstract(
                group,
                tree.fragment(condition, fragment.conditions),
                condition,
                path,
                fragment.selections,
                provided,
                inner_conditions,
                matching,
            )
        else:
            for object_type in sorted(matching):
                self.plan_selections(
                    group,
                    tree.fragment(object_type, fragment.conditions),
                    object_type,
                    path,
                    fragment.selections,
                    provided,
                    inner_conditions,
                )

    def _plan_on_interface_object(
        self,
        group: Group,
        tree: SelectionTree,
        interface: str,
        path: tuple[str, ...],
        selections: tuple[Selection, ...],
        provided: Provided | None,
        conditions: Conditions,
    ) -> None:
        """An @interfaceObject subgraph resolves the interface's fields but does not know the
        concrete type: `__typename` and type conditions come from a subgraph that does."""
        fields = tuple(s for s in selections if isinstance(s, Field) and s.name != "__typename")
        needs_concrete = tuple(s for s in selections if s not in fields)
        remote = [
            f
            for f in fields
            if not self.try_local(group, tree, interface, path, f, provided, conditions)
        ]
        if remote:
            self.plan_remote(group, tree, interface, path, tuple(remote), provided, conditions)
        if not needs_concrete:
            return
        entry = self.graph.concrete_type_entry(interface)
        if entry is None:
            raise PlanningError(f"no subgraph resolves the concrete type of {interface}")
        target = self.enter(group, tree, interface, path, entry, None, provided, conditions)
        self.plan_abstract(
            target,
            target.tree.fragment(interface),
            interface,
            path,
            needs_concrete,
            None,
            conditions,
            None,
        )

    def _uniformly_local(
        self,
        subgraph: str,
        interface: str,
        name: str,
        possible: frozenset[str],
        provided: Provided | None,
    ) -> bool:
        """Resolvable at the interface level: in this subgraph, for every implementation it may
        return, the same way (no @requires, not external for some of them)."""
        for type_name in (interface, *possible):
            if self.supergraph.types[type_name].is_abstract and type_name != interface:
                continue
            if type_name != interface and self.supergraph.field(type_name, name) is None:
                return False
            local = self.graph.local_field(subgraph, type_name, name, provided)
            if local is None or local.requires is not None:
                return False
        return True

    def _enterable_at(
        self, subgraph: str, abstract: str, field: Field, provided: Provided | None
    ) -> bool:
        return any(
            entry.graph != subgraph
            and any(
                self.graph.selection_local(subgraph, abstract, key.selection, provided)
                for key in entry.keys
            )
            for entry in self.graph.entry_points(abstract, field.name)
        )

    # -- jumps --------------------------------------------------------------------------------

    def plan_remote(
        self,
        group: Group,
        tree: SelectionTree,
        parent: str,
        path: tuple[str, ...],
        fields: tuple[Field, ...],
        provided: Provided | None,
        conditions: Conditions,
    ) -> None:
        subgraph = group.subgraph
        options: dict[Field, list[EntryPoint]] = {}
        for field in fields:
            entries = [
                e
                for e in self.graph.entry_points(parent, field.name)
                if (e.graph != subgraph or e.requires is not None)
                and (e.entity_type, path, e.graph) not in self._entering
            ]
            if not entries:
                raise PlanningError(
                    f"cannot resolve {parent}.{field.name} from subgraph {subgraph}: "
                    "no other subgraph resolves it through a key"
                )
            options[field] = entries
        remaining = list(fields)
        while remaining:
            target_graph = self._best_target(group, parent, path, remaining, options)
            assigned = [f for f in remaining if any(e.graph == target_graph for e in options[f])]
            remaining = [f for f in remaining if f not in assigned]
            for field in assigned:
                entry = next(e for e in options[field] if e.graph == target_graph)
                self.jump(group, tree, parent, path, entry, field, provided, conditions)

    def _best_target(
        self,
        group: Group,
        parent: str,
        path: tuple[str, ...],
        fields: list[Field],
        options: dict[Field, list[EntryPoint]],
    ) -> str:
        """Greedy weighted set cover: the subgraph covering most fields per fetch it costs."""
        best: tuple[float, int] | None = None
        chosen = ""
        candidates = {e.graph for f in fields for e in options[f]}
        for graph in candidates:
            covered = [f for f in fields if any(e.graph == graph for e in options[f])]
            existing = any(g.subgraph == graph for g in self._children.get((group.id, path), ()))
            fetches = 0.0 if existing else 1.0
            for field in covered:
                entry = next(e for e in options[field] if e.graph == graph)
                fetches += 1.0 if entry.requires is not None else 0.0
                if not any(
                    self.graph.selection_local(group.subgraph, parent, k.selection, None)
                    for k in entry.keys
                ):
                    fetches += 1.0  # the key itself needs another fetch first
                if field.selections:
                    meta = self.supergraph.field(entry.entity_type, field.name)
                    entry_meta = meta.in_graphs.get(graph) if meta else None
                    child_provided = (
                        Provided() if entry_meta is None or entry_meta.provides is None else None
                    )
                    fetches += self.estimate(
                        graph, field.type_name, field.selections, child_provided or None
                    )
            score = (
                len(covered) / fetches if fetches else math.inf,
                -self.graph.subgraph_order[graph],
            )
            if best is None or score > best:
                best, chosen = score, graph
        return chosen

    def jump(
        self,
        group: Group,
        tree: SelectionTree,
        parent: str,
        path: tuple[str, ...],
        entry: EntryPoint,
        field: Field,
        provided: Provided | None,
        conditions: Conditions,
    ) -> None:
        # The jump is only needed when the field is included: its conditions guard the fetch.
        field_conditions = conditions | field.conditions
        target = self.enter(
            group, tree, parent, path, entry, entry.requires, provided, field_conditions
        )
        local = self.graph.local_field(entry.graph, entry.entity_type, field.name, None)
        entity_tree = target.tree.fragment(entry.entity_type)
        self.add_local(
            target,
            entity_tree,
            entry.entity_type,
            path,
            field,
            local.provided_child if local else None,
            conditions,
        )

    def enter(
        self,
        group: Group,
        tree: SelectionTree,
        parent: str,
        path: tuple[str, ...],
        entry: EntryPoint,
        requires: SelectionSetNode | None,
        provided: Provided | None,
        conditions: Conditions,
    ) -> Group:
        """The group that fetches from `entry.graph` at `path`, with a representation holding a
        key (and the required fields), planned from `group`; created or reused."""
        key = next(
            (
                k
                for k in entry.keys
                if self.graph.selection_local(group.subgraph, parent, k.selection, provided)
            ),
            entry.keys[0],
        )
        entering = (entry.entity_type, path, entry.graph)
        self._entering.add(entering)
        try:
            with self.capture() as touched:
                tree.field("__typename", "__typename")
                self.touch(group, conditions)
                key_inputs = self.plan_internal(
                    group, tree, parent, path, key.selection, provided, conditions
                )
                required_inputs = (
                    self.plan_internal(group, tree, parent, path, requires, provided, conditions)
                    if requires is not None
                    else ()
                )
        finally:
            self._entering.discard(entering)
        inputs: tuple[InputSelection, ...] = (
            InputField("__typename", "__typename"),
            *key_inputs,
            *required_inputs,
        )
        mode = "direct" if touched == {group} else "after-dependencies"
        slot = (group.id, path)
        for candidate in self._children.get(slot, ()):
            if (
                candidate.subgraph == entry.graph
                and candidate.mode == mode
                and candidate.inputs_compatible(entry.entity_type, inputs)
            ):
                target = candidate
                break
        else:
            target = self.new_group(entry.graph, path, is_entity=True)
            target.mode = mode
            self._children.setdefault(slot, []).append(target)
        target.parents |= touched
        target.add_inputs(entry.entity_type, inputs)
        if entry.typename_rewrite is not None:
            target.rewrites[entry.entity_type] = entry.typename_rewrite
        entity_tree = target.tree.fragment(entry.entity_type)
        entity_tree.field("__typename", "__typename")  # lets the executor check each result's type
        self.touch(target, conditions)
        return target

    def plan_internal(
        self,
        group: Group,
        tree: SelectionTree,
        parent: str,
        path: tuple[str, ...],
        selection: SelectionSetNode,
        provided: Provided | None,
        conditions: Conditions,
    ) -> tuple[InputSelection, ...]:
        """Plan a key or @requires selection from `group` like client fields (jumping where
        needed), under response keys that cannot clash with the client's; return how the
        representation reads them back."""
        fields = self._internal_fields(parent, path, selection)
        self.plan_selections(group, tree, parent, path, fields, provided, conditions)
        return _inputs_of(fields)

    def _internal_fields(
        self, parent: str, path: tuple[str, ...], selection: SelectionSetNode
    ) -> tuple[Selection, ...]:
        result: list[Selection] = []
        for node in selection.selections:
            if isinstance(node, FieldNode):
                name = node.name.value
                arguments = tuple(
                    sorted((a.name.value, print_ast(a.value)) for a in node.arguments or ())
                )
                probe = Field(name, name, arguments)
                response_key = self.keys.internal(path, name, probe.signature)
                meta = self.supergraph.field(parent, name)
                type_name = meta.type_name if meta else "String"
                children: tuple[Selection, ...] = ()
                if node.selection_set is not None and meta is not None:
                    child_path = path + (response_key,) + ("@",) * meta.list_depth
                    children = self._internal_fields(type_name, child_path, node.selection_set)
                result.append(
                    Field(response_key, name, arguments, selections=children, type_name=type_name)
                )
            elif isinstance(node, InlineFragmentNode):
                condition = node.type_condition.name.value if node.type_condition else parent
                result.append(
                    InlineFragment(
                        condition,
                        NO_CONDITIONS,
                        self._internal_fields(condition, path, node.selection_set),
                    )
                )
        return tuple(result)

    # -- cost ---------------------------------------------------------------------------------

    def _cheaper_elsewhere(
        self, subgraph: str, parent: str, field: Field, child_provided: Provided | None
    ) -> bool:
        """A @shareable field is taken locally unless its sub-selection would then need more
        fetches than jumping to another subgraph that has it (one fetch for the jump)."""
        here = self.estimate(subgraph, field.type_name, field.selections, child_provided)
        if here < 1:
            return False
        for entry in self.graph.entry_points(parent, field.name):
            if entry.graph == subgraph or entry.requires is not None:
                continue
            if 1 + self.estimate(entry.graph, field.type_name, field.selections, None) < here:
                return True
        return False

    def estimate(
        self,
        subgraph: str,
        parent: str,
        selections: tuple[Selection, ...],
        provided: Provided | None,
        depth: int = 0,
    ) -> float:
        """Roughly how many more fetches resolving `selections` from `subgraph` takes."""
        memo_key = (subgraph, parent, selections, id(provided))
        cached = self._estimates.get(memo_key)
        if cached is not None:
            return cached
        if depth > 6 or not parent:
            return 0.0
        cost = 0.0
        jumped: set[str] = set()
        for selection in selections:
            if isinstance(selection, InlineFragment):
                cost += self.estimate(
                    subgraph, selection.type_condition, selection.selections, provided, depth + 1
                )
                continue
            if selection.name == "__typename":
                continue
            local = self.graph.local_field(subgraph, parent, selection.name, provided)
            if local is not None and local.requires is None:
                if selection.selections:
                    cost += self.estimate(
                        subgraph,
                        selection.type_name,
                        selection.selections,
                        local.provided_child,
                        depth + 1,
                    )
                continue
            best = math.inf
            best_graph = ""
            for entry in self.graph.entry_points(parent, selection.name):
                if entry.graph == subgraph and entry.requires is None:
                    continue
                option = (0.0 if entry.graph in jumped else 1.0) + (entry.requires is not None)
                if selection.selections:
                    option += self.estimate(
                        entry.graph, selection.type_name, selection.selections, None, depth + 1
                    )
                if option < best:
                    best, best_graph = option, entry.graph
            if math.isinf(best) and self.graph.is_abstract(parent):
                best = 1.0  # resolved per implementation; counted as one more fetch
            cost += best
            jumped.add(best_graph)
        self._estimates[memo_key] = cost
        return cost


def _with_conditions(selection: Selection, conditions: Conditions) -> Selection:
    from dataclasses import replace

    return (
        replace(selection, conditions=selection.conditions | conditions)
        if conditions
        else selection
    )


def _inputs_of(selections: tuple[Selection, ...]) -> tuple[InputSelection, ...]:
    inputs: list[InputSelection] = []
    for selection in selections:
        if isinstance(selection, Field):
            inputs.append(
                InputField(selection.name, selection.response_key, _inputs_of(selection.selections))
            )
        else:
            inputs.append(InputFragment(selection.type_condition, _inputs_of(selection.selections)))
    return tuple(inputs)
