"""The traversal: every type an operation can reach, from each root, through object fields and
downcasts, with the subgraph paths reaching it (Apollo's stack of states, each type visited
again only with a new set of subgraphs)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..errors import CompositionError
from ..model import BUILTIN_SCALARS, Field, TypeDef, base_type_name, has_directive
from ..subgraph import Subgraph
from .facts import DOWNCAST, ROOT_KINDS, Step, SubgraphFacts, Uncertain
from .paths import DeadEnd, State, SubgraphPath, advance
from .witness import satisfiability_error


class Traversal:
    def __init__(self, subgraphs: Sequence[Subgraph], types: Mapping[str, TypeDef]) -> None:
        self.facts = SubgraphFacts(subgraphs)
        self.subgraphs = self.facts.subgraphs
        self.types = types
        self.errors: list[CompositionError] = []
        self.root_types = {
            subgraph.roots.get(kind) for subgraph in self.subgraphs for kind in subgraph.roots
        }

    def run(self) -> list[CompositionError]:
        stack: list[State] = []
        for kind in ROOT_KINDS:
            initial = tuple(
                SubgraphPath(index, None, ())
                for index, subgraph in enumerate(self.subgraphs)
                if kind in subgraph.roots
                and (root := subgraph.type(subgraph.roots[kind])) is not None
                and root.fields
            )
            name = next((sub.roots[kind] for sub in self.subgraphs if kind in sub.roots), None)
            if initial and name is not None and name in self.types:
                stack.append(State(name, (), initial, kind))
        visits: dict[str, list[frozenset[int]]] = {}
        while stack:
            state = stack.pop()
            subgraphs_here = frozenset(option.subgraph for option in state.options)
            previous = visits.setdefault(state.type_name, [])
            if any(subgraphs_here >= earlier for earlier in previous):
                continue
            previous.append(subgraphs_here)
            stack.extend(self._visit(state))
        return self.errors

    def _visit(self, state: State) -> list[State]:
        """The states below `state`'s fields and downcasts; an error for each field no path
        collects."""
        type_def = self.types[state.type_name]
        below: list[State] = []
        for field in type_def.fields.values():
            if has_directive(field, "inaccessible"):
                continue
            target_name = base_type_name(field.type)
            target = self.types.get(target_name)
            if target is not None and has_directive(target, "inaccessible"):
                continue
            leaf = (
                target is None
                or target.kind in ("scalar", "enum")
                or target_name in BUILTIN_SCALARS
            )
            try:
                options: list[SubgraphPath] = []
                reasons: list[DeadEnd] = []
                for option in state.options:
                    advanced, dead_ends = advance(self.facts, option, state, field, leaf)
                    options += advanced
                    reasons += dead_ends
            except Uncertain:
                continue
            path = (*state.path, field)
            if (
                state.kind == "mutation"
                and not state.path
                and len({option.subgraph for option in options}) > 1
            ):
                continue  # Apollo validates such a mutation field per subgraph: not modelled
            if not options:
                if type_def.kind == "interface":
                    continue  # not modelled: Apollo's reasons for interface fields
                self.errors.append(
                    satisfiability_error(self.types, self.facts.names, state.kind, path, reasons)
                )
                continue
            if leaf or target is None or target_name in self.root_types:
                continue
            if not self._modelled(target, field, options):
                continue
            unique = tuple(dict.fromkeys(options))
            below.append(State(target_name, path, unique, state.kind))
        if type_def.kind in ("interface", "union"):
            below += self._downcasts(state, type_def)
        return below

    def _modelled(self, target: TypeDef, field: Field, options: list[SubgraphPath]) -> bool:
        """Whether the states below this field are within this subset."""
        local_targets = [subgraph.type(target.name) for subgraph in self.subgraphs]
        if target.kind == "input" or any(
            local is not None and local.has("interfaceObject") for local in local_targets
        ):
            return False
        if target.kind == "interface" and any(
            local is not None and local.has("key") for local in local_targets
        ):
            return False
        for option in options:
            local_target = self.subgraphs[option.subgraph].type(target.name)
            parent = self.facts.composite_type(option.subgraph, field.parent)
            local_field = parent.fields.get(field.name) if parent is not None else None
            if local_target is None or local_target.kind != target.kind or local_field is None:
                return False
            if base_type_name(local_field.type) != target.name:
                return False
        return True

    def _runtime_types(self, index: int | None, abstract: TypeDef) -> list[str]:
        """The possible types of `abstract` in the supergraph (index None) or a subgraph."""
        types = self.types if index is None else self.subgraphs[index].types
        if abstract.kind == "union":
            source = types.get(abstract.name)
            return list(source.members) if source is not None else []
        return [
            type_def.name
            for type_def in types.values()
            if type_def.kind == "object" and abstract.name in type_def.interfaces
        ]

    def _downcasts(self, state: State, abstract: TypeDef) -> list[State]:
        states: list[State] = []
        for name in self._runtime_types(None, abstract):
            runtime = self.types.get(name)
            if runtime is None or has_directive(runtime, "inaccessible"):
                continue
            options = tuple(
                SubgraphPath(
                    option.subgraph,
                    option.previous,
                    (*option.since, Step(DOWNCAST, name)),
                    option.provided,
                )
                for option in state.options
                if name in self._runtime_types(option.subgraph, abstract)
            )
            if options:
                states.append(State(name, (*state.path, name), options, state.kind))
        return states
