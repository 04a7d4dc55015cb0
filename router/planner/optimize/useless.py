"""Remove entity groups that fetch nothing their representations do not already hold: every
field they select is one of their inputs, so it is in the response already (Apollo's
`removeUselessGroups`). A type condition on an @interfaceObject cast, say, may leave a group
selecting only the key it was entered with."""

from __future__ import annotations

from router.planner.fetch_graph.graph import FetchGraph
from router.planner.fetch_graph.group import FetchGroup
from router.planner.fetch_graph.inputs import InputNode
from router.planner.fetch_graph.selection import FetchField, FetchSelection


def _contained(
    selection: FetchSelection, nodes: dict[str, InputNode], typename_known: bool
) -> bool:
    for item in selection.items.values():
        if not isinstance(item, FetchField):
            if not _contained(item.selection, nodes, typename_known):
                return False
            continue
        if item.name == "__typename":
            if typename_known:
                continue
            return False
        node = nodes.get(item.name)
        if (
            node is None
            or node.response_key != item.response_key
            or item.arguments
            or item.conditions
        ):
            return False
        if item.child is not None and not _contained(item.child, node.children, True):
            return False
    return True


def is_useless(group: FetchGroup, possible: dict[str, frozenset[str]]) -> bool:
    if not group.is_entity or group.inputs.is_empty():
        return False
    for fragment in group.selection.fragments():
        relevant = [
            nodes
            for input_type, nodes in group.inputs.by_type.items()
            if input_type == fragment.type_condition
            or input_type in possible.get(fragment.type_condition, frozenset())
        ]
        # Entities sent under their interface's name: their concrete __typename is news.
        typename_known = not group.rewrites
        if not relevant or not all(
            _contained(fragment.selection, nodes, typename_known) for nodes in relevant
        ):
            return False
    return True


def remove_useless_groups(fetches: FetchGraph, possible: dict[str, frozenset[str]]) -> None:
    for group in list(fetches.groups):
        if is_useless(group, possible):
            fetches.remove(group)
