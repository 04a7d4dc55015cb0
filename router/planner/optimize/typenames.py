"""Every selection on an interface or union (in the receiving subgraph) gets `__typename`, first:
the executor needs it to apply type conditions and build representations. So does each entity
of an `_entities` fetch: the executor checks every result is of its representation's type."""

from __future__ import annotations

from router.planner.fetch_graph.graph import FetchGraph
from router.planner.fetch_graph.selection import FetchField, FetchSelection


def _add(selection: FetchSelection, force: bool = False) -> None:
    if (selection.abstract or force) and (
        "f",
        "__typename",
        "__typename",
        (),
        frozenset(),
    ) not in selection.items:
        typename = FetchField(
            "__typename", "__typename", (), frozenset(), frozenset(), "String!", None
        )
        selection.items = {
            ("f", "__typename", "__typename", (), frozenset()): typename,
            **selection.items,
        }
    for item in selection.items.values():
        if isinstance(item, FetchField):
            if item.child is not None:
                _add(item.child)
        else:
            _add(item.selection)


def add_typenames(fetches: FetchGraph) -> None:
    for group in fetches.groups:
        group.selection.drop_empty_fragments()
        if group.is_entity:
            for fragment in group.selection.fragments():
                _add(fragment.selection, force=True)
        else:
            _add(group.selection)
