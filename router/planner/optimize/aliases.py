"""Fields sharing a response key but not a type in the receiving subgraph (`ID!` in one
implementation, `ID` in another, under sibling type conditions) make the subgraph reject the
operation: all but the first get an alias, and the fetch says how to rename them back in the
result (Apollo's `addAliasesForNonMergingFields`)."""

from __future__ import annotations

from router.planner.fetch_graph.graph import FetchGraph
from router.planner.fetch_graph.group import FetchGroup
from router.planner.fetch_graph.selection import FetchField, FetchFragment, FetchSelection

Path = tuple[str, ...]


def _shape(output_type: str) -> str:
    return output_type.replace(" ", "")


def _collect(
    selection: FetchSelection, path: Path, found: dict[str, list[tuple[FetchField, Path]]]
) -> None:
    for item in selection.items.values():
        if isinstance(item, FetchField):
            found.setdefault(item.response_key, []).append((item, path))
        else:
            _collect(item.selection, (*path, f"... on {item.type_condition}"), found)


def _used_keys(selection: FetchSelection, used: set[str]) -> None:
    for item in selection.items.values():
        if isinstance(item, FetchField):
            used.add(item.response_key)
        else:
            _used_keys(item.selection, used)


def _fix(selection: FetchSelection, path: Path, renames: list[tuple[Path, str]]) -> None:
    found: dict[str, list[tuple[FetchField, Path]]] = {}
    _collect(selection, path, found)
    used: set[str] = set()
    _used_keys(selection, used)
    for key, fields in found.items():
        first_shape = _shape(fields[0][0].output_type)
        counter = 0
        for field, field_path in fields[1:]:
            if not field.output_type or _shape(field.output_type) == first_shape:
                continue
            alias = f"{key}__alias_{counter}"
            while alias in used:
                counter += 1
                alias = f"{key}__alias_{counter}"
            used.add(alias)
            field.response_key = alias
            renames.append(((*field_path, alias), key))
    # Recurse into every field's selection (one merged response object per field).
    for fields in found.values():
        for field, field_path in fields:
            if field.child is not None:
                _fix(field.child, (*field_path, field.response_key), renames)


def _fix_group(group: FetchGroup) -> None:
    renames: list[tuple[Path, str]] = []
    # One selection set: the root's, or `_entities`' (its type conditions side by side).
    _fix(group.selection, (), renames)
    # Rename deeper keys first: their paths name their ancestors' aliases.
    group.output_renames = sorted(renames, key=lambda r: -len(r[0]))
    if renames:
        _rekey(group.selection)


def _rekey(selection: FetchSelection) -> None:
    """Response keys changed: rebuild the dedup keys so later lookups stay consistent."""
    items: dict[tuple[object, ...], FetchField | FetchFragment] = {}
    for item in selection.items.values():
        if isinstance(item, FetchField):
            items[("f", item.response_key, item.name, item.arguments, item.conditions)] = item
            if item.child is not None:
                _rekey(item.child)
        else:
            items[("t", item.type_condition, item.conditions)] = item
            _rekey(item.selection)
    selection.items = items


def alias_conflicting_fields(fetches: FetchGraph) -> None:
    for group in fetches.groups:
        _fix_group(group)
