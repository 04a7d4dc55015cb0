"""A canonical one-line form of normalized selections: the plan cache key."""

from __future__ import annotations

from router.planner.normalize.selection import Field, Selection


def print_selections(selections: tuple[Selection, ...]) -> str:
    parts: list[str] = []
    for selection in selections:
        conditions = "".join(" " + c.directive() for c in sorted(selection.conditions))
        children = f"{{{print_selections(selection.selections)}}}" if selection.selections else ""
        if isinstance(selection, Field):
            alias = f"{selection.response_key}:" if selection.response_key != selection.name else ""
            parts.append(f"{alias}{selection.signature}{conditions}{children}")
        else:
            parts.append(f"...on {selection.type_condition}{conditions}{children}")
    return " ".join(parts)
