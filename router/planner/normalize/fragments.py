"""Named fragment spreads become inline fragments with the fragment's type condition (directives
on the spread stay on the inline fragment), so later passes see only fields and inline fragments."""

from __future__ import annotations

from dataclasses import replace

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    SelectionNode,
    SelectionSetNode,
)


def fragment_definitions(document: DocumentNode) -> dict[str, FragmentDefinitionNode]:
    return {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}


def inline_spreads(
    selection_set: SelectionSetNode,
    fragments: dict[str, FragmentDefinitionNode],
    visiting: frozenset[str] = frozenset(),
) -> SelectionSetNode:
    selections: list[SelectionNode] = []
    for selection in selection_set.selections:
        if isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            if name in visiting:  # validation rejects cycles; never loop if it was skipped
                raise GraphQLError(f"fragment {name} spreads itself")
            definition = fragments[name]
            selections.append(
                InlineFragmentNode(
                    type_condition=definition.type_condition,
                    directives=selection.directives,
                    selection_set=inline_spreads(
                        definition.selection_set, fragments, visiting | {name}
                    ),
                )
            )
        elif isinstance(selection, FieldNode | InlineFragmentNode) and selection.selection_set:
            selections.append(
                replace(
                    selection,
                    selection_set=inline_spreads(selection.selection_set, fragments, visiting),
                )
            )
        else:
            selections.append(selection)
    return replace(selection_set, selections=tuple(selections))
