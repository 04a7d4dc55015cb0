"""Merge fields with the same response key (and conditions) and fragments with the same type
condition (and conditions), recursively, keeping first-seen order."""

from __future__ import annotations

from dataclasses import replace

from router.planner.normalize.selection import Field, InlineFragment, Selection


def merge_selections(selections: tuple[Selection, ...]) -> tuple[Selection, ...]:
    merged: dict[tuple[object, ...], Selection] = {}
    for selection in selections:
        if isinstance(selection, Field):
            key: tuple[object, ...] = ("field", selection.response_key, selection.conditions)
        else:
            key = ("fragment", selection.type_condition, selection.conditions)
        previous = merged.get(key)
        if previous is None:
            merged[key] = selection
        else:
            merged[key] = replace(previous, selections=previous.selections + selection.selections)
    return tuple(
        replace(s, selections=merge_selections(s.selections)) if s.selections else s
        for s in merged.values()
    )


def with_conditions(selection: Selection, extra: frozenset[object]) -> Selection:
    if not extra:
        return selection
    return replace(selection, conditions=selection.conditions | extra)  # type: ignore[operator]


__all__ = ["Field", "InlineFragment", "merge_selections", "with_conditions"]
