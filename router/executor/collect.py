"""GraphQL's field collection for response shaping: the fields of a selection that apply to an
object (conditions hold, type conditions match), grouped by response key in first-seen order,
so sub-selections of one response key coming from different fragments are merged rather than
the first one winning."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from router.planner.normalize.selection import Field, Selection


def collect_fields(
    selections: tuple[Selection, ...], applies: Callable[[Selection], bool]
) -> dict[str, Field]:
    collected: dict[str, list[Field]] = {}
    _collect(selections, applies, collected)
    merged: dict[str, Field] = {}
    for key, fields in collected.items():
        if len(fields) == 1 or not any(field.selections for field in fields):
            merged[key] = fields[0]
        else:
            children = tuple(s for field in fields for s in field.selections)
            merged[key] = replace(fields[0], selections=children)
    return merged


def _collect(
    selections: tuple[Selection, ...],
    applies: Callable[[Selection], bool],
    collected: dict[str, list[Field]],
) -> None:
    for selection in selections:
        if not applies(selection):
            continue
        if isinstance(selection, Field):
            collected.setdefault(selection.response_key, []).append(selection)
        else:
            _collect(selection.selections, applies, collected)
