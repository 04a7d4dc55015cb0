"""Path tree -> fetch groups. Walking the tree: a field edge adds the field to the current
group at the current position; a cast adds an inline fragment; a key jump first adds its key
fields (planned like any selection, possibly through other groups), then continues in an entity
group of the destination subgraph, created or reused, which depends on every group the key came
from. A field with @requires is handled in requires.py."""

from __future__ import annotations

from typing import NamedTuple

from router.planner.errors import PlanningError
from router.planner.fetch_graph.graph import FetchGraph
from router.planner.fetch_graph.group import FetchGroup
from router.planner.fetch_graph.selection import FetchSelection
from router.planner.graph.model import EdgeKind, Vertex
from router.planner.graph.query_graph import QueryGraph
from router.planner.normalize.selection import (
    NO_CONDITIONS,
    Conditions,
    Field,
    InlineFragment,
    Selection,
)
from router.planner.paths.tree import PathTree, TreeChild
from router.planner.plan import InputField, InputFragment, InputSelection
from router.planner.response_keys import ResponseKeys, strip_lists

TYPENAME_INPUT = InputField("__typename", "__typename")


class Entry(NamedTuple):
    """How the current entity group was entered: the position the key jump started from and
    the representation it was entered with."""

    anchor: Position
    input_type: str
    key_inputs: tuple[InputSelection, ...]


class Position(NamedTuple):
    group: FetchGroup
    selection: FetchSelection
    path: tuple[str, ...]  # response path, "@" per list level
    vertex: Vertex
    conditions: Conditions = NO_CONDITIONS  # @skip/@include the position is under
    internal: bool = False  # fields added for keys and @requires: aliased if they would clash
    entry: Entry | None = None  # set right after a key jump


class FetchGraphBuilder:
    def __init__(self, graph: QueryGraph, keys: ResponseKeys, root_kind: str) -> None:
        self.graph = graph
        self.supergraph = graph.supergraph
        self.keys = keys
        self.root_kind = root_kind
        self.fetches = FetchGraph()

    # -- entry points ---------------------------------------------------------------------------

    def build(self, tree: PathTree) -> FetchGraph:
        for child in tree.children.values():
            if child.edge.kind is not EdgeKind.ENTER:
                raise PlanningError(f"unexpected first edge {child.edge!r}")
            group = self.fetches.root(child.edge.tail.subgraph, self.root_kind)
            position = Position(group, group.selection, (), child.edge.tail)
            self.process(child.tree, position)
        return self.fetches

    # -- walking ----------------------------------------------------------------------------------

    def process(self, tree: PathTree, position: Position) -> set[FetchGroup]:
        """Add the tree at `position`; return every group that received something."""
        touched: set[FetchGroup] = set()
        for local in tree.local:
            self.add_local(position, local)
            touched.add(position.group)
        # Jumps first: the key fields they add lead the selection, as in Apollo's plans.
        children = sorted(tree.children.values(), key=lambda c: not c.edge.is_jump)
        for child in children:
            kind = child.edge.kind
            if kind is EdgeKind.FIELD:
                touched |= self._field(child, position)
            elif kind is EdgeKind.CAST:
                touched |= self._cast(child, position)
            elif kind is EdgeKind.KEY:
                touched |= self._key(child, position)
            elif kind is EdgeKind.ROOT:
                touched |= self._root_jump(child, position)
            elif kind is EdgeKind.INTERFACE_OBJECT_CAST:
                from router.planner.fetch_graph.requires import interface_object_cast

                touched |= interface_object_cast(self, child, position)
            else:
                raise PlanningError(f"unexpected edge {child.edge!r} inside a plan")
        return touched

    def response_key(self, position: Position, field: Field) -> str:
        if not position.internal:
            return field.response_key
        return self.keys.internal(strip_lists(position.path), field.name, field.signature)

    def add_field(
        self, position: Position, field: Field, parent: str, tail: Vertex
    ) -> Position | None:
        """Add `field` at `position`; the position inside it if it has a selection."""
        group = position.group
        key = self.response_key(position, field)
        conditions = NO_CONDITIONS if position.internal else field.conditions
        output, depth, client_abstract = self.graph.field_shape(parent, field.name, group.subgraph)
        added = position.selection.field(
            key,
            field.name,
            field.arguments,
            conditions,
            field.variables,
            output,
            composite=tail.is_composite,
            # __typename where the value's type is abstract for the subgraph or for clients.
            abstract=tail.is_abstract or client_abstract,
        )
        group.contribute(position.conditions | conditions)
        if added.child is None:
            return None
        return Position(
            group,
            added.child,
            position.path + (key,) + ("@",) * depth,
            tail,
            position.conditions | conditions,
            position.internal,
        )

    def _field(self, child: TreeChild, position: Position) -> set[FetchGroup]:
        field = child.trigger
        assert isinstance(field, Field)
        touched: set[FetchGroup] = set()
        if child.edge.conditions is not None:
            from router.planner.fetch_graph.requires import handle_requires

            position, touched = handle_requires(self, child, position)
        inner = self.add_field(position, field, child.edge.head.type_name, child.edge.tail)
        touched.add(position.group)
        if inner is not None:
            if not child.tree.children and not child.tree.local:
                inner.selection.typename()  # a composite leaf: nothing else was selected
            touched |= self.process(child.tree, inner)
        return touched

    def _cast(self, child: TreeChild, position: Position) -> set[FetchGroup]:
        trigger = child.trigger
        conditions = getattr(trigger, "conditions", NO_CONDITIONS)
        if position.internal:
            conditions = NO_CONDITIONS
        tail = child.edge.tail
        selection = position.selection.fragment(tail.type_name, conditions, tail.is_abstract)
        position.group.contribute(position.conditions | conditions)
        inner = position._replace(
            selection=selection,
            vertex=tail,
            conditions=position.conditions | conditions,
            entry=None,
        )
        return {position.group} | self.process(child.tree, inner)

    def inputs_of(
        self, parent: str, selections: tuple[Selection, ...], path: tuple[str, ...]
    ) -> tuple[InputSelection, ...]:
        """How a representation reads a key or @requires selection back from the response
        (under the response keys the planner gave those fields at `path`). A selection with
        type conditions also sends `__typename`: the receiving subgraph needs it to tell which
        of them applies (Apollo leaves it out)."""
        result: list[InputSelection] = []
        if any(isinstance(s, InlineFragment) for s in selections) and not any(
            isinstance(s, Field) and s.name == "__typename" for s in selections
        ):
            result.append(TYPENAME_INPUT)
        for selection in selections:
            if isinstance(selection, Field):
                key = (
                    "__typename"
                    if selection.name == "__typename"
                    else self.keys.internal(strip_lists(path), selection.name, selection.signature)
                )
                children: tuple[InputSelection, ...] = ()
                if selection.selections:
                    meta = self.supergraph.field(parent, selection.name)
                    depth = meta.list_depth if meta is not None else 0
                    type_name = meta.type_name if meta is not None else selection.type_name
                    children = self.inputs_of(
                        type_name, selection.selections, path + (key,) + ("@",) * depth
                    )
                result.append(InputField(selection.name, key, children))
            else:
                result.append(
                    InputFragment(
                        selection.type_condition,
                        self.inputs_of(selection.type_condition, selection.selections, path),
                    )
                )
        return tuple(result)

    def condition_position(self, position: Position) -> Position:
        return position._replace(internal=True, entry=None)

    def _key(self, child: TreeChild, position: Position) -> set[FetchGroup]:
        edge = child.edge
        assert child.condition is not None
        assert edge.conditions is not None
        touched = self.process(child.condition.tree, self.condition_position(position))
        group = position.group
        position.selection.typename()
        group.contribute(position.conditions)
        touched.add(group)
        input_type = edge.head.type_name
        key_inputs = self.inputs_of(input_type, edge.conditions, position.path)
        target = self.key_group(
            group, edge.tail.subgraph, position.path, edge.tail.type_name, touched
        )
        for parent in sorted(touched, key=lambda g: g.id):
            target.add_parent(parent)
        target.inputs.add(input_type, (TYPENAME_INPUT, *key_inputs))
        if edge.tail.is_abstract or edge.tail.interface_object:
            target.rewrites[input_type] = edge.tail.type_name
        selection = target.selection.fragment(edge.tail.type_name, abstract=edge.tail.is_abstract)
        entered = Position(
            target,
            selection,
            position.path,
            edge.tail,
            position.conditions,
            position.internal,
            Entry(position, input_type, key_inputs),
        )
        return touched | self.process(child.tree, entered)

    def key_group(
        self,
        parent: FetchGroup,
        subgraph: str,
        merge_at: tuple[str, ...],
        type_name: str,
        condition_groups: set[FetchGroup],
    ) -> FetchGroup:
        """An entity group of `parent` fetching `type_name` from `subgraph` at `merge_at`, reused
        when one exists that does not feed the key's own fields."""
        feeding: set[FetchGroup] = set()
        for group in condition_groups:
            if group is not parent:
                feeding |= {group} | group.ancestors()
        for existing in parent.children:
            if (
                existing.subgraph == subgraph
                and existing.is_entity
                and not existing.for_requires
                and existing.merge_at == merge_at
                and existing.entity_types() <= {type_name}
                and existing not in feeding
            ):
                return existing
        group = self.fetches.new_group(subgraph, merge_at, True)
        group.add_parent(parent)
        return group

    def _root_jump(self, child: TreeChild, position: Position) -> set[FetchGroup]:
        position.selection.typename()
        target = self.fetches.new_group(child.edge.tail.subgraph, position.path, False, "query")
        target.add_parent(position.group)
        inner = Position(
            target,
            target.selection,
            position.path,
            child.edge.tail,
            position.conditions,
            position.internal,
        )
        return {position.group} | self.process(child.tree, inner)

    # -- local subtrees ---------------------------------------------------------------------------

    def add_local(self, position: Position, selections: tuple[Selection, ...]) -> None:
        """A subtree the position's subgraph resolves entirely, rebased on its types: type
        conditions it never matches are dropped."""
        graph = self.graph
        vertex = position.vertex
        for selection in selections:
            if isinstance(selection, Field):
                edge = graph.field_edge(vertex, selection.name)
                tail = edge.tail if edge is not None else graph.leaf("String", vertex.subgraph)
                parent = edge.head.type_name if edge is not None else vertex.type_name
                inner = self.add_field(position, selection, parent, tail)
                if inner is not None:
                    if selection.selections:
                        self.add_local(inner, selection.selections)
                    else:
                        inner.selection.typename()
                continue
            condition = selection.type_condition
            conditions = selection.conditions
            if condition == vertex.type_name or not vertex.is_abstract:
                if condition != vertex.type_name and vertex.type_name not in graph.possible(
                    condition
                ):
                    continue
                if conditions:
                    inner_selection = position.selection.fragment(vertex.type_name, conditions)
                    self.add_local(
                        position._replace(
                            selection=inner_selection,
                            conditions=position.conditions | conditions,
                        ),
                        selection.selections,
                    )
                else:
                    self.add_local(position, selection.selections)
                continue
            cast = graph.cast_edge(vertex, condition) or graph.abstract_cast_edge(vertex, condition)
            if cast is None:
                continue
            inner_selection = position.selection.fragment(
                condition, conditions, cast.tail.is_abstract
            )
            position.group.contribute(position.conditions | conditions)
            self.add_local(
                position._replace(
                    selection=inner_selection,
                    vertex=cast.tail,
                    conditions=position.conditions | conditions,
                ),
                selection.selections,
            )
