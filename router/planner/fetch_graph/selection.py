"""A fetch's selection set under construction: fields and inline fragments deduplicated as
they are added, in insertion order, printed compactly as the subgraph operation's text."""

from __future__ import annotations

from router.planner.normalize.selection import NO_CONDITIONS, Conditions


class FetchField:
    __slots__ = (
        "arguments",
        "child",
        "conditions",
        "name",
        "output_type",
        "response_key",
        "variables",
    )

    def __init__(
        self,
        response_key: str,
        name: str,
        arguments: tuple[tuple[str, str], ...],
        conditions: Conditions,
        variables: frozenset[str],
        output_type: str,
        child: FetchSelection | None,
    ) -> None:
        self.response_key = response_key
        self.name = name
        self.arguments = arguments
        self.conditions = conditions
        self.variables = variables
        # The field's type as the receiving subgraph declares it, e.g. "ID!": two fields under
        # one response key must have the same shape or the subgraph rejects the operation.
        self.output_type = output_type
        self.child = child


class FetchFragment:
    __slots__ = ("conditions", "selection", "type_condition")

    def __init__(
        self, type_condition: str, conditions: Conditions, selection: FetchSelection
    ) -> None:
        self.type_condition = type_condition
        self.conditions = conditions
        self.selection = selection


class FetchSelection:
    __slots__ = ("abstract", "items")

    def __init__(self, abstract: bool = False) -> None:
        # True where the subgraph's type is an interface or union: the selection then gets
        # `__typename` so the executor can match type conditions.
        self.abstract = abstract
        self.items: dict[tuple[object, ...], FetchField | FetchFragment] = {}

    def field(
        self,
        response_key: str,
        name: str,
        arguments: tuple[tuple[str, str], ...] = (),
        conditions: Conditions = NO_CONDITIONS,
        variables: frozenset[str] = frozenset(),
        output_type: str = "",
        composite: bool = False,
        abstract: bool = False,
    ) -> FetchField:
        key = ("f", response_key, name, arguments, conditions)
        existing = self.items.get(key)
        if existing is None:
            child = FetchSelection(abstract) if composite else None
            existing = FetchField(
                response_key, name, arguments, conditions, variables, output_type, child
            )
            self.items[key] = existing
        assert isinstance(existing, FetchField)
        return existing

    def typename(self) -> None:
        """`__typename`, first (where Apollo puts it)."""
        key = ("f", "__typename", "__typename", (), NO_CONDITIONS)
        if key not in self.items:
            typename = FetchField(
                "__typename", "__typename", (), NO_CONDITIONS, frozenset(), "String!", None
            )
            self.items = {key: typename, **self.items}

    def fragment(
        self, type_condition: str, conditions: Conditions = NO_CONDITIONS, abstract: bool = False
    ) -> FetchSelection:
        key = ("t", type_condition, conditions)
        existing = self.items.get(key)
        if existing is None:
            existing = self.items[key] = FetchFragment(
                type_condition, conditions, FetchSelection(abstract)
            )
        assert isinstance(existing, FetchFragment)
        return existing.selection

    def is_empty(self) -> bool:
        """Nothing to fetch: no field, only (nested) fragments that are empty themselves."""
        return all(
            isinstance(item, FetchFragment) and item.selection.is_empty()
            for item in self.items.values()
        )

    def drop_empty_fragments(self) -> None:
        for key, item in list(self.items.items()):
            if isinstance(item, FetchFragment):
                if item.selection.is_empty():
                    del self.items[key]
                else:
                    item.selection.drop_empty_fragments()
            elif item.child is not None:
                item.child.drop_empty_fragments()

    def fragments(self) -> list[FetchFragment]:
        return [item for item in self.items.values() if isinstance(item, FetchFragment)]

    def merge(self, other: FetchSelection) -> None:
        for key, item in other.items.items():
            mine = self.items.get(key)
            if mine is None:
                self.items[key] = item
            elif isinstance(mine, FetchField) and isinstance(item, FetchField):
                if mine.child is not None and item.child is not None:
                    mine.child.merge(item.child)
            elif isinstance(mine, FetchFragment) and isinstance(item, FetchFragment):
                mine.selection.merge(item.selection)

    def size(self) -> int:
        total = 0
        for item in self.items.values():
            if isinstance(item, FetchField):
                total += 1 + (item.child.size() if item.child is not None else 0)
            else:
                total += item.selection.size()
        return total

    def print(self, guaranteed: Conditions, used: set[str]) -> str:
        """Compact text; conditions the whole fetch is already guarded by are left out.
        Collects the variables the text uses into `used`."""
        parts: list[str] = []
        for item in self.items.values():
            if isinstance(item, FetchField):
                alias = f"{item.response_key}:" if item.response_key != item.name else ""
                arguments = (
                    "(" + ",".join(f"{k}:{v}" for k, v in item.arguments) + ")"
                    if item.arguments
                    else ""
                )
                used.update(item.variables)
                directives, wrappers = _field_directives(item.conditions, guaranteed, used)
                child = item.child.print(guaranteed, used) if item.child is not None else ""
                text = f"{alias}{item.name}{arguments}{directives}{child}"
                for wrapper in wrappers:
                    text = f"...{wrapper}{{{text}}}"
                parts.append(text)
            else:
                directives, wrappers = _field_directives(item.conditions, guaranteed, used)
                inner = item.selection.print(guaranteed, used)
                text = f"...on {item.type_condition}{directives}{inner}"
                for wrapper in wrappers:
                    text = f"...{wrapper}{{{text}}}"
                parts.append(text)
        return "{" + " ".join(parts) + "}"


def _field_directives(
    conditions: Conditions, guaranteed: Conditions, used: set[str]
) -> tuple[str, list[str]]:
    """At most one @skip and one @include on the field itself (they are not repeatable); any
    other becomes a directive-only inline fragment around it."""
    kept = sorted(conditions - guaranteed)
    used.update(c.variable for c in kept)
    on_field: list[str] = []
    wrappers: list[str] = []
    seen: set[bool] = set()
    for condition in kept:
        if condition.passes_when in seen:
            wrappers.append(condition.directive())
        else:
            seen.add(condition.passes_when)
            on_field.append(condition.directive())
    return "".join(on_field), wrappers
