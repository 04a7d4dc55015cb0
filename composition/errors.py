"""Composition errors and hints, worded like Apollo's so users can search for them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class CompositionError:
    """One actionable problem: Apollo's error code, a message naming subgraphs/coordinates."""

    code: str
    message: str

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class CompositionFailed(Exception):
    """Raised when subgraphs do not compose; carries every error found."""

    def __init__(self, errors: Sequence[CompositionError]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(str(error) for error in self.errors))

    @property
    def codes(self) -> list[str]:
        return [error.code for error in self.errors]


def join_strings(
    items: Sequence[str], sep: str = ", ", first_sep: str | None = None, last_sep: str = " and "
) -> str:
    """`a, b and c` (Apollo's joinStrings)."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return items[0] + (first_sep or last_sep) + items[1]
    return items[0] + (first_sep or sep) + sep.join(items[1:-1]) + last_sep + items[-1]


def human_list(names: Sequence[str], prefix: str, prefix_plural: str, cutoff: int = 100) -> str:
    """`subgraph "a"` / `subgraphs "a", "b" and "c"`, elided past `cutoff` characters."""
    if not names:
        return ""
    if len(names) == 1:
        return f"{prefix} {names[0]}"
    shown, length = 0, 0
    for name in names:
        length += len(name)
        if length <= cutoff:
            shown += 1
    display = list(names[: max(1, shown)])
    if len(display) == len(names):
        return f"{prefix_plural} " + join_strings(display)
    return f"{prefix_plural} " + join_strings(display, last_sep=", ") + ", ..."


def subgraph_names(names: Sequence[str]) -> str:
    return human_list([f'"{name}"' for name in names], "subgraph", "subgraphs")


def type_names(names: Sequence[str]) -> str:
    return human_list([f'"{name}"' for name in names], "type", "types")
