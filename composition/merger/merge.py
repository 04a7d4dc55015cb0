"""Merge validated Federation 2 subgraphs into one schema with join metadata.

Mirrors the order of Apollo's merger (composition-js/src/merging/merge.ts) because that order
decides what a supergraph looks like: subgraphs in name order, `@join__implements` before
`@join__type`, fields in order of first appearance, `@inaccessible` merged before the join
directives and other merged directives (`@tag`, `@deprecated`, ...) after them.
"""

from __future__ import annotations

from ..errors import CompositionError
from ..inaccessible import validate_inaccessible
from ..model import TypeDef
from ..subgraph import Subgraph
from .context import MergeContext
from .directives import apply_pending_directives, merge_directive_definitions
from .interface_objects import add_fields_from_interface_objects
from .interfaces import check_implementations_have_interface_fields
from .result import MergedSchema
from .types import declare_types, merge_implements, merge_roots, merge_type


def merge_subgraphs(subgraphs: list[Subgraph]) -> MergedSchema | list[CompositionError]:
    """The merged schema, or every error found."""
    context = MergeContext(subgraphs)
    _merge(context)
    if context.errors:
        return context.errors
    graphs = [
        (context.graph_values[subgraph.name], subgraph.name, subgraph.url) for subgraph in subgraphs
    ]
    return MergedSchema(
        context.types,
        context.roots,
        graphs,
        context.join_version,
        context.uses_inaccessible,
        context.uses_tag,
        context.directives,
    )


def _merge(context: MergeContext) -> None:
    declare_types(context)
    if context.errors:
        return
    by_kind: dict[str, list[TypeDef]] = {}
    for type_def in context.types.values():
        by_kind.setdefault(type_def.kind, []).append(type_def)
    for type_def in by_kind.get("object", []) + by_kind.get("interface", []):
        merge_implements(context, type_def)
    for type_def in by_kind.get("union", []):
        merge_type(context, type_def)
    merge_roots(context)
    for kind in ("scalar", "input", "interface", "object"):
        for type_def in by_kind.get(kind, []):
            merge_type(context, type_def)
    merge_directive_definitions(context)
    for type_def in by_kind.get("enum", []):
        merge_type(context, type_def)
    if "query" not in context.roots:
        context.error(
            "NO_QUERIES",
            "No queries found in any subgraph: a supergraph must have a query root type.",
        )
    apply_pending_directives(context)
    add_fields_from_interface_objects(context)
    if not context.errors:
        check_implementations_have_interface_fields(context)
    if not context.errors and context.uses_inaccessible:
        context.errors += validate_inaccessible(context.types, context.roots, context.directives)
