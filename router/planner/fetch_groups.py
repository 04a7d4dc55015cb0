"""Fetch groups being built: one future Fetch each (subgraph, merge path, selections,
representation inputs, dependencies). Mutable while the walk runs; emitted as frozen plan nodes."""

from __future__ import annotations

from dataclasses import dataclass, field

from router.planner.normalize.selection import NO_CONDITIONS, Conditions
from router.planner.plan import InputField, InputFragment, InputSelection


@dataclass
class TreeField:
    response_key: str
    name: str
    arguments: tuple[tuple[str, str], ...]
    conditions: Conditions
    child: SelectionTree | None
    variables: frozenset[str] = frozenset()  # used by the arguments


class SelectionTree:
    """A subgraph selection set under construction, deduplicated as fields are added."""

    __slots__ = ("fields", "fragments")

    def __init__(self) -> None:
        self.fields: dict[tuple[object, ...], TreeField] = {}
        self.fragments: dict[tuple[str, Conditions], SelectionTree] = {}

    def field(
        self,
        response_key: str,
        name: str,
        arguments: tuple[tuple[str, str], ...] = (),
        conditions: Conditions = NO_CONDITIONS,
        composite: bool = False,
        variables: frozenset[str] = frozenset(),
    ) -> TreeField:
        key = (response_key, name, arguments, conditions)
        existing = self.fields.get(key)
        if existing is None:
            existing = TreeField(
                response_key,
                name,
                arguments,
                conditions,
                SelectionTree() if composite else None,
                variables,
            )
            self.fields[key] = existing
        return existing

    def fragment(
        self, type_condition: str, conditions: Conditions = NO_CONDITIONS
    ) -> SelectionTree:
        key = (type_condition, conditions)
        existing = self.fragments.get(key)
        if existing is None:
            existing = self.fragments[key] = SelectionTree()
        return existing

    def print(self, guaranteed: Conditions, used: set[str]) -> str:
        """Compact text; conditions the whole fetch is already guarded by are left out.
        Collects the variables the text uses into `used`."""
        parts: list[str] = []
        for node in self.fields.values():
            alias = f"{node.response_key}:" if node.response_key != node.name else ""
            arguments = (
                "(" + ",".join(f"{k}:{v}" for k, v in node.arguments) + ")"
                if node.arguments
                else ""
            )
            used.update(node.variables)
            directives = self._directives(node.conditions, guaranteed, used)
            child = node.child.print(guaranteed, used) if node.child is not None else ""
            parts.append(f"{alias}{node.name}{arguments}{directives}{child}")
        for (type_condition, conditions), tree in self.fragments.items():
            directives = self._directives(conditions, guaranteed, used)
            parts.append(f"...on {type_condition}{directives}{tree.print(guaranteed, used)}")
        return "{" + " ".join(parts) + "}"

    @staticmethod
    def _directives(conditions: Conditions, guaranteed: Conditions, used: set[str]) -> str:
        kept = sorted(conditions - guaranteed)
        used.update(c.variable for c in kept)
        return "".join(c.directive() for c in kept)


@dataclass
class InputNode:
    response_key: str
    signature: str
    children: dict[str, InputNode] = field(default_factory=dict)
    fragments: dict[str, dict[str, InputNode]] = field(default_factory=dict)


def _merge_inputs(
    into: dict[str, InputNode], selections: tuple[InputSelection, ...], signatures: dict[str, str]
) -> bool:
    """Add selections; False (and nothing trustworthy) if a name would carry another value."""
    for selection in selections:
        if isinstance(selection, InputFragment):
            continue  # fragments inside inputs are rare; kept flat per entity type by callers
        existing = into.get(selection.name)
        signature = signatures.get(selection.response_key, selection.response_key)
        if existing is None:
            existing = into[selection.name] = InputNode(selection.response_key, signature)
        elif existing.response_key != selection.response_key:
            return False
        if not _merge_inputs(existing.children, selection.selections, signatures):
            return False
    return True


def _compatible(existing: dict[str, InputNode], selections: tuple[InputSelection, ...]) -> bool:
    for selection in selections:
        if isinstance(selection, InputField):
            node = existing.get(selection.name)
            if node is not None and (
                node.response_key != selection.response_key
                or not _compatible(node.children, selection.selections)
            ):
                return False
    return True


def _freeze(nodes: dict[str, InputNode]) -> tuple[InputSelection, ...]:
    return tuple(
        InputField(name, node.response_key, _freeze(node.children)) for name, node in nodes.items()
    )


class Group:
    def __init__(
        self, group_id: int, subgraph: str, path: tuple[str, ...], is_entity: bool
    ) -> None:
        self.id = group_id
        self.subgraph = subgraph
        self.path = path
        self.is_entity = is_entity
        self.tree = SelectionTree()
        self.inputs: dict[str, dict[str, InputNode]] = {}  # entity type -> representation
        self.rewrites: dict[str, str] = {}  # entity type -> __typename sent
        self.parents: set[Group] = set()
        # "direct": the representation comes from the parent group alone; "after-dependencies":
        # it needs fields other groups fetch first. Groups of different modes never merge.
        self.mode = "root" if not is_entity else "direct"
        self._conditions: Conditions | None = None

    def __hash__(self) -> int:
        return self.id

    def __repr__(self) -> str:
        return f"Group({self.id}, {self.subgraph}, {'.'.join(self.path)})"

    @property
    def conditions(self) -> Conditions:
        return self._conditions or NO_CONDITIONS

    def contribute(self, conditions: Conditions) -> None:
        """A selection under `conditions` was added: the group runs unless all its selections
        share a condition that is false."""
        self._conditions = conditions if self._conditions is None else self._conditions & conditions

    def inputs_compatible(self, entity_type: str, selections: tuple[InputSelection, ...]) -> bool:
        return _compatible(self.inputs.get(entity_type, {}), selections)

    def add_inputs(self, entity_type: str, selections: tuple[InputSelection, ...]) -> None:
        merged = _merge_inputs(self.inputs.setdefault(entity_type, {}), selections, {})
        assert merged, "caller checks compatibility first"

    def requires(self) -> tuple[InputSelection, ...]:
        return tuple(
            InputFragment(entity_type, _freeze(nodes)) for entity_type, nodes in self.inputs.items()
        )
