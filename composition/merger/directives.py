"""Descriptions and directives: merged directive applications (@inaccessible, @tag,
@deprecated, ...) and the executable directive definitions every subgraph shares."""

from __future__ import annotations

from graphql import DirectiveDefinitionNode

from ..model import Applied, Argument
from .context import Element, MergeContext, PendingDirectives, Sources
from .result import MergedDirective

EXECUTABLE_LOCATIONS = frozenset(
    {
        "QUERY",
        "MUTATION",
        "SUBSCRIPTION",
        "FIELD",
        "FRAGMENT_DEFINITION",
        "FRAGMENT_SPREAD",
        "INLINE_FRAGMENT",
        "VARIABLE_DEFINITION",
    }
)


def merge_description(sources: Sources, dest: Element) -> None:
    """The one description, or the most common one; an empty one loses to any other."""
    descriptions: list[str] = []
    counts: list[int] = []
    for source in sources:
        if source is None or source.description is None:
            continue
        if source.description in descriptions:
            counts[descriptions.index(source.description)] += 1
        else:
            descriptions.append(source.description)
            counts.append(-(2**53) if source.description == "" else 1)
    if not descriptions:
        return
    non_empty = [text for text in descriptions if text != ""]
    if len(descriptions) == 1:
        dest.description = descriptions[0]
    elif len(non_empty) == 1:
        dest.description = non_empty[0]
    else:
        dest.description = descriptions[counts.index(max(counts))]


def record_directives(context: MergeContext, sources: Sources, dest: Element) -> None:
    """Merge @inaccessible now (the join directives come after it) and the other merged
    directives once every type is merged."""
    names: list[str] = []
    for source in sources:
        for directive in source.directives if source is not None else ():
            if directive.name in context.merged_directive_names and directive.name not in names:
                names.append(directive.name)
    if "inaccessible" in names:
        merge_applied("inaccessible", sources, dest)
        names.remove("inaccessible")
    context.pending_directives.append(PendingDirectives(names, sources, dest))


def merge_applied(name: str, sources: Sources, dest: Element) -> None:
    """Apply directive `name` as the subgraphs do: @tag (repeatable) every distinct application
    once, in order; the others the most common application."""
    per_source = [
        [directive for directive in source.directives if directive.name == name]
        for source in sources
        if source is not None
    ]
    per_source = [applications for applications in per_source if applications]
    if not per_source:
        return
    if name == "tag":
        seen: list[str] = []
        for applications in per_source:
            for directive in applications:
                if str(directive) not in seen:
                    seen.append(str(directive))
                    dest.directives.append(Applied(directive.name, dict(directive.args)))
        return
    distinct: list[Applied] = []
    counts: list[int] = []
    for applications in per_source:
        texts = [str(directive) for directive in distinct]
        if str(applications[0]) in texts:
            counts[texts.index(str(applications[0]))] += 1
        else:
            distinct.append(applications[0])
            counts.append(1)
    chosen = distinct[counts.index(max(counts))]
    dest.directives.append(Applied(chosen.name, dict(chosen.args)))


def apply_pending_directives(context: MergeContext) -> None:
    for pending in context.pending_directives:
        for name in pending.names:
            merge_applied(name, pending.sources, pending.element)


def merge_directive_definitions(context: MergeContext) -> None:
    """Executable directives (used in operations) survive only when every subgraph has them."""
    names: list[str] = []
    for subgraph in context.subgraphs:
        for name, definition in subgraph.directive_defs.items():
            executable = any(loc.value in EXECUTABLE_LOCATIONS for loc in definition.locations)
            if executable and name not in names:
                names.append(name)
    for name in names:
        definitions = [subgraph.directive_defs.get(name) for subgraph in context.subgraphs]
        present = [definition for definition in definitions if definition is not None]
        if len(present) != len(definitions):
            continue
        locations = sorted({loc.value for loc in present[0].locations} & EXECUTABLE_LOCATIONS)
        for definition in present[1:]:
            allowed = {loc.value for loc in definition.locations}
            locations = [loc for loc in locations if loc in allowed]
        if not locations:
            continue
        context.directives[name] = _merged_directive(name, present, locations)


def _merged_directive(
    name: str, definitions: list[DirectiveDefinitionNode], locations: list[str]
) -> MergedDirective:
    """The first definition's arguments that every definition has; repeatable if all are."""
    first = definitions[0]
    repeatable = all(definition.repeatable for definition in definitions)
    args = {}
    for arg in first.arguments or ():
        arg_name = arg.name.value
        if all(
            any(other.name.value == arg_name for other in definition.arguments or ())
            for definition in definitions
        ):
            args[arg_name] = Argument(
                arg_name,
                arg.type,
                arg.default_value,
                arg.description.value if arg.description else None,
            )
    descriptions = [
        definition.description.value for definition in definitions if definition.description
    ]
    return MergedDirective(
        name, locations, repeatable, args, descriptions[0] if descriptions else None
    )
