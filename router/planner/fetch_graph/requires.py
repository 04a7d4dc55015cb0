"""Fields with @requires, and type conditions on an @interfaceObject (which need the concrete
__typename first): the required selection is fetched first (planned like any selection, from
where the subgraph was entered when that is possible), then the field's subgraph is entered
again with a representation holding its key and the required values.

When the required fields come with the very fetch the entity group was entered from, the
entity group itself just sends them: no extra fetch."""

from __future__ import annotations

from typing import TYPE_CHECKING

from graphql import FieldNode

from router.planner.errors import PlanningError
from router.planner.fetch_graph.build import TYPENAME_INPUT, Entry, Position
from router.planner.fetch_graph.group import FetchGroup
from router.planner.graph.model import Vertex
from router.planner.normalize.selection import Field
from router.planner.paths.tree import TreeChild
from router.planner.plan import InputSelection

if TYPE_CHECKING:
    from router.planner.fetch_graph.build import FetchGraphBuilder


def _post_group(
    builder: FetchGraphBuilder,
    position: Position,
    parents: set[FetchGroup],
    input_type: str,
    inputs: tuple[InputSelection, ...],
    rewrite: str | None,
    fragment_type: str,
    entry: Entry,
) -> Position:
    group = builder.fetches.new_group(
        position.group.subgraph, position.path, True, for_requires=True
    )
    for parent in sorted(parents, key=lambda g: g.id):
        group.add_parent(parent)
    group.inputs.add(input_type, inputs)
    if rewrite is not None:
        group.rewrites[input_type] = rewrite
    vertex = position.vertex
    selection = group.selection.fragment(fragment_type, abstract=vertex.is_abstract)
    return Position(
        group, selection, position.path, vertex, position.conditions, position.internal, entry
    )


def _local_key(builder: FetchGraphBuilder, vertex: Vertex) -> tuple[Field, ...]:
    """A key of the vertex's type in its subgraph whose fields that subgraph resolves itself."""
    graph = builder.graph
    meta = graph.supergraph.types[vertex.type_name].graphs.get(vertex.subgraph)
    for key in meta.resolvable_keys() if meta is not None else ():
        names = [n.name.value for n in key.selection.selections if isinstance(n, FieldNode)]
        if all(graph.field_edge(vertex, name) is not None for name in names) and len(names) == len(
            key.selection.selections
        ):
            selections = graph.field_sets.selections(vertex.type_name, key.selection)
            return tuple(s for s in selections if isinstance(s, Field))
    raise PlanningError(
        f"{vertex.type_name} in {vertex.subgraph} has no key it resolves itself; "
        "its @requires fields cannot be sent to it"
    )


def _select_key(
    builder: FetchGraphBuilder, position: Position, key: tuple[Field, ...]
) -> tuple[InputSelection, ...]:
    internal = builder.condition_position(position)
    position.selection.typename()
    for field in key:
        edge = builder.graph.field_edge(position.vertex, field.name)
        assert edge is not None
        inner = builder.add_field(internal, field, edge.head.type_name, edge.tail)
        if inner is not None:
            builder.add_local(inner, field.selections)
    return builder.inputs_of(position.vertex.type_name, key, position.path)


def handle_requires(
    builder: FetchGraphBuilder, child: TreeChild, position: Position
) -> tuple[Position, set[FetchGroup]]:
    edge = child.edge
    plan = child.condition
    assert plan is not None
    assert edge.conditions is not None
    entry = position.entry
    if plan.anchored and entry is not None:
        anchor = entry.anchor
        touched = builder.process(plan.tree, builder.condition_position(anchor))
        required = builder.inputs_of(edge.head.type_name, edge.conditions, position.path)
        if touched <= {anchor.group} and position.group.inputs.compatible(
            entry.input_type, required
        ):
            # Fetched with the key the group was entered with: the group sends them along.
            position.group.inputs.add(entry.input_type, required)
            return position, touched
        rewrite = position.group.rewrites.get(entry.input_type)
        inputs = (TYPENAME_INPUT, *entry.key_inputs, *required)
        moved = _post_group(
            builder,
            position,
            touched | {anchor.group},
            entry.input_type,
            inputs,
            rewrite,
            position.vertex.type_name,
            entry,
        )
        return moved, touched | {moved.group}
    touched = builder.process(plan.tree, builder.condition_position(position))
    if touched <= {position.group}:
        return position, touched  # the subgraph resolves the required fields itself here
    vertex = position.vertex
    key_inputs = _select_key(builder, position, _local_key(builder, vertex))
    required = builder.inputs_of(vertex.type_name, edge.conditions, position.path)
    type_name = vertex.type_name
    rewrite = type_name if vertex.interface_object else None
    inputs = (TYPENAME_INPUT, *key_inputs, *required)
    moved = _post_group(
        builder,
        position,
        touched | {position.group},
        type_name,
        inputs,
        rewrite,
        type_name,
        Entry(position, type_name, key_inputs),
    )
    return moved, touched | {position.group, moved.group}


def interface_object_cast(
    builder: FetchGraphBuilder, child: TreeChild, position: Position
) -> set[FetchGroup]:
    """`... on Impl` on an @interfaceObject: fetch the concrete __typename elsewhere, then
    enter this subgraph again for the entities of that type only."""
    plan = child.condition
    assert plan is not None
    vertex = position.vertex
    touched = builder.process(plan.tree, builder.condition_position(position))
    key_inputs = _select_key(builder, position, _local_key(builder, vertex))
    implementation = child.edge.name
    inputs = (TYPENAME_INPUT, *key_inputs)
    moved = _post_group(
        builder,
        position,
        touched | {position.group},
        implementation,
        inputs,
        vertex.type_name,
        vertex.type_name,
        Entry(position, implementation, key_inputs),
    )
    return touched | {position.group, moved.group} | builder.process(child.tree, moved)
