"""Advancing a path with one operation element: collect a field where the path's subgraph can
(directly, or after exploding an abstract type into its runtime types, or after jumping to
another subgraph through keys), or narrow to a type condition.

Results: a list of options (each a tuple of paths advancing together); an empty list when the
element cannot be reached this way (the option is dead); None when the element can never apply
at this position (a type condition no runtime type matches): nothing to fetch."""

from __future__ import annotations

from itertools import product

from router.planner.graph.model import Edge, EdgeKind, Vertex, VertexKind
from router.planner.normalize.selection import Field, InlineFragment
from router.planner.paths import conditions, indirect
from router.planner.paths.context import SearchContext
from router.planner.paths.path import Option, Path

MAX_EXPLODED_COMBINATIONS = 32

Advance = list[Option] | None


def direct_field(ctx: SearchContext, path: Path, field: Field) -> Path | None:
    edge = ctx.graph.field_edge(path.tail, field.name)
    if edge is None:
        return None
    condition = None
    if edge.conditions is not None:
        condition = conditions.for_requires(ctx, edge, path)
        if condition is None:
            return None
    return path.then(edge, field, ctx.graph.runtime_types(edge.tail), condition)


def _resolvable_elsewhere(ctx: SearchContext, vertex: Vertex, name: str) -> bool:
    """Whether another subgraph resolves this field (on the type, or on an interface the type
    is known by as an @interfaceObject there): only then can a jump collect it."""
    graph = ctx.graph
    type_names = [vertex.type_name]
    meta = graph.supergraph.types.get(vertex.type_name)
    if meta is not None:
        type_names.extend(meta.interfaces)
    for type_name in type_names:
        for subgraph in graph.fields.subgraphs_resolving(type_name, name):
            if subgraph != vertex.subgraph:
                return True
    return False


def _key_contains(edge: Edge | None, name: str) -> bool:
    return (
        edge is not None
        and edge.kind is EdgeKind.KEY
        and edge.conditions is not None
        and any(isinstance(s, Field) and s.name == name for s in edge.conditions)
    )


def _object_field(
    ctx: SearchContext, path: Path, field: Field, excluded: frozenset[str]
) -> list[Option]:
    direct = direct_field(ctx, path, field)
    leaf = not _composite(ctx, field)
    if direct is not None and (leaf or not _resolvable_elsewhere(ctx, path.tail, field.name)):
        return [(direct,)]
    options: list[Option] = [(direct,)] if direct is not None else []
    if field.name != "__typename" and not _resolvable_elsewhere(ctx, path.tail, field.name):
        return options
    options.extend(_after_jumps(ctx, path, field, excluded, skip_own_key=leaf))
    return options


def _after_jumps(
    ctx: SearchContext, path: Path, field: Field, excluded: frozenset[str], skip_own_key: bool
) -> list[Option]:
    """The field in the subgraphs key jumps from `path` reach (`skip_own_key`: not through a
    key that contains the field itself)."""
    options: list[Option] = []
    for jumped in indirect.paths(ctx, path, excluded):
        if skip_own_key and _key_contains(jumped.edge, field.name):
            continue  # the key jump would need this very field first
        ctx.budget.spend()
        if jumped.tail.is_abstract:
            more = _abstract_field(ctx, jumped, field, excluded, allow_indirect=False)
            options.extend(more or ())
        else:
            found = direct_field(ctx, jumped, field)
            if found is not None:
                options.append((found,))
    return options


def _composite(ctx: SearchContext, field: Field) -> bool:
    meta = ctx.graph.supergraph.types.get(field.type_name)
    return meta is not None and meta.is_composite


def _explode(
    ctx: SearchContext, path: Path, field: Field, excluded: frozenset[str]
) -> list[Option] | None:
    """The field through each runtime type of the abstract position (None if one fails)."""
    per_type: list[list[Option]] = []
    for type_name in sorted(path.runtime):
        edge = ctx.graph.cast_edge(path.tail, type_name)
        if edge is None:
            return None
        cast = path.then(edge, ctx.cast_trigger(type_name, None), frozenset({type_name}))
        found = _object_field(ctx, cast, field, excluded)
        if not found:
            return None
        per_type.append(found)
    total = 1
    for found in per_type:
        total *= len(found)
    if total > MAX_EXPLODED_COMBINATIONS:
        per_type = [found[:1] for found in per_type]
    return [
        tuple(p for option in combination for p in option) for combination in product(*per_type)
    ]


def _abstract_field(
    ctx: SearchContext,
    path: Path,
    field: Field,
    excluded: frozenset[str],
    allow_indirect: bool = True,
) -> Advance:
    graph = ctx.graph
    edge = graph.field_edge(path.tail, field.name)
    direct = path.then(edge, field, graph.runtime_types(edge.tail)) if edge is not None else None
    if field.name == "__typename":
        return [(direct,)] if direct is not None else []
    leaf = not _composite(ctx, field)
    if direct is not None and (leaf or not _any_runtime_elsewhere(ctx, path, field)):
        return [(direct,)]
    if not path.runtime:
        return None if direct is None else [(direct,)]
    options: list[Option] = [(direct,)] if direct is not None else []
    exploded = _explode(ctx, path, field, excluded)
    if exploded:
        options.extend(exploded)
    # Indirect options too unless the leaf was collected directly (exploded options may lose
    # to one jump on the interface itself).
    if (
        allow_indirect
        and (direct is None or not leaf)
        and _resolvable_elsewhere(ctx, path.tail, field.name)
    ):
        options.extend(_after_jumps(ctx, path, field, excluded, skip_own_key=False))
    return options


def _any_runtime_elsewhere(ctx: SearchContext, path: Path, field: Field) -> bool:
    for type_name in path.runtime:
        vertex = ctx.graph.vertex(type_name, path.tail.subgraph)
        if vertex is not None and _resolvable_elsewhere(ctx, vertex, field.name):
            return True
    return False


def _root_field(ctx: SearchContext, path: Path, field: Field, only: str | None) -> list[Option]:
    options: list[Option] = []
    for enter in ctx.graph.edges(path.tail).jumps:
        if only is not None and enter.tail.subgraph != only:
            continue
        entered = path.then(enter, None, frozenset({enter.tail.type_name}))
        found = direct_field(ctx, entered, field)
        if found is not None:
            options.append((found,))
    return options


def advance_field(
    ctx: SearchContext,
    path: Path,
    field: Field,
    excluded: frozenset[str] = frozenset(),
    root_subgraph: str | None = None,
) -> Advance:
    ctx.budget.spend()
    tail = path.tail
    if tail.kind is VertexKind.ROOT:
        return _root_field(ctx, path, field, root_subgraph)
    if tail.is_abstract:
        return _abstract_field(ctx, path, field, excluded)
    return _object_field(ctx, path, field, excluded)


def advance_fragment(
    ctx: SearchContext, path: Path, fragment: InlineFragment, excluded: frozenset[str] = frozenset()
) -> Advance:
    ctx.budget.spend()
    graph = ctx.graph
    tail = path.tail
    condition = fragment.type_condition
    if tail.kind is VertexKind.ROOT or condition == tail.type_name:
        return [(path,)]
    possible = graph.possible(condition)
    if tail.interface_object:
        return _interface_object_fragment(ctx, path, fragment, excluded)
    if not tail.is_abstract:
        return [(path,)] if tail.type_name in possible else None
    matching = sorted(path.runtime & possible)
    if not matching:
        return None
    shortcut = graph.abstract_cast_edge(tail, condition)
    if shortcut is not None:
        return [(path.then(shortcut, fragment, frozenset(matching)),)]
    casts: list[Path] = []
    for type_name in matching:
        edge = graph.cast_edge(tail, type_name)
        if edge is None:
            continue
        casts.append(path.then(edge, ctx.cast_trigger(type_name, fragment), frozenset({type_name})))
    return [tuple(casts)] if casts else None


def _interface_object_fragment(
    ctx: SearchContext, path: Path, fragment: InlineFragment, excluded: frozenset[str]
) -> Advance:
    """An @interfaceObject knows no implementation: narrowing needs the concrete __typename
    from elsewhere (a fake cast conditioned on it), or a jump to a subgraph knowing the types."""
    graph = ctx.graph
    matching = sorted(path.runtime & graph.possible(fragment.type_condition))
    if not matching:
        return None
    options: list[Option] = []
    casts: list[Path] = []
    for type_name in matching:
        edge = graph.edges(path.tail).interface_object_casts.get(type_name)
        if edge is None:
            casts = []
            break
        condition = conditions.for_typename(ctx, edge, path)
        if condition is None:
            casts = []
            break
        trigger = ctx.cast_trigger(type_name, fragment)
        casts.append(path.then(edge, trigger, frozenset({type_name}), condition))
    if casts:
        options.append(tuple(casts))
    for jumped in indirect.paths(ctx, path, excluded):
        if jumped.tail.is_abstract or jumped.tail.type_name == fragment.type_condition:
            more = advance_fragment(ctx, jumped, fragment, excluded)
            options.extend(more or ())
    return options
