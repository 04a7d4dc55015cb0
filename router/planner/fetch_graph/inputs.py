"""Representation inputs of an entity fetch: per input type, the fields each entity is sent
with (its key, the fields a @requires needs), and where in the response each is read from.
Two inputs naming one field but read from different response keys (one required field with two
argument sets) cannot share a fetch."""

from __future__ import annotations

from router.planner.plan import InputField, InputFragment, InputSelection


class InputNode:
    __slots__ = ("children", "fragments", "response_key")

    def __init__(self, response_key: str) -> None:
        self.response_key = response_key
        self.children: dict[str, InputNode] = {}
        self.fragments: dict[str, dict[str, InputNode]] = {}


def _compatible(nodes: dict[str, InputNode], selections: tuple[InputSelection, ...]) -> bool:
    for selection in selections:
        if isinstance(selection, InputFragment):
            if not _compatible({}, selection.selections):
                return False
            continue
        node = nodes.get(selection.name)
        if node is None:
            continue
        if node.response_key != selection.response_key:
            return False
        if not _compatible(node.children, selection.selections):
            return False
    return True


def _add(
    nodes: dict[str, InputNode],
    fragments: dict[str, dict[str, InputNode]],
    selections: tuple[InputSelection, ...],
) -> None:
    for selection in selections:
        if isinstance(selection, InputFragment):
            inner = fragments.setdefault(selection.type_condition, {})
            _add(inner, {}, selection.selections)
            continue
        node = nodes.get(selection.name)
        if node is None:
            node = nodes[selection.name] = InputNode(selection.response_key)
        _add(node.children, node.fragments, selection.selections)


def _freeze(
    nodes: dict[str, InputNode], fragments: dict[str, dict[str, InputNode]] | None = None
) -> tuple[InputSelection, ...]:
    frozen: list[InputSelection] = [
        InputField(name, node.response_key, _freeze(node.children, node.fragments))
        for name, node in nodes.items()
    ]
    for type_condition, inner in (fragments or {}).items():
        frozen.append(InputFragment(type_condition, _freeze(inner)))
    return tuple(frozen)


class Inputs:
    def __init__(self) -> None:
        self.by_type: dict[str, dict[str, InputNode]] = {}

    def compatible(self, type_name: str, selections: tuple[InputSelection, ...]) -> bool:
        return _compatible(self.by_type.get(type_name, {}), selections)

    def compatible_with(self, other: Inputs) -> bool:
        return all(
            self.compatible(type_name, _freeze(nodes)) for type_name, nodes in other.by_type.items()
        )

    def add(self, type_name: str, selections: tuple[InputSelection, ...]) -> None:
        _add(self.by_type.setdefault(type_name, {}), {}, selections)

    def merge(self, other: Inputs) -> None:
        for type_name, nodes in other.by_type.items():
            self.add(type_name, _freeze(nodes))

    def frozen(self) -> tuple[InputSelection, ...]:
        return tuple(
            InputFragment(type_name, _freeze(nodes)) for type_name, nodes in self.by_type.items()
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Inputs) and self.frozen() == other.frozen()

    def __hash__(self) -> int:
        return hash(self.frozen())

    def is_empty(self) -> bool:
        return not self.by_type
