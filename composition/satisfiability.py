"""Satisfiability (Apollo's SATISFIABILITY_ERROR, composition-js/src/validate.ts), common cases.

Apollo walks every query the supergraph API allows and checks that the subgraphs can answer it
(directly, or by jumping between subgraphs through resolvable `@key`s, fetching `@requires`
conditions). This is a conservative subset of that traversal, in Apollo's order (a stack of
states, each type visited again only with a new set of subgraphs): from each root, through
object fields, `@key` jumps (Apollo's detour rule included), `@provides`, flat `@requires`,
and downcasts below interfaces and unions. It reports a field only when no subgraph path
reaches it. What it does not model (`@interfaceObject`, interfaces with `@key`, `@override`,
nested `@requires` selections or ones missing a key to resume, mutation fields defined in
several subgraphs, runtime-type mismatches of shared fields) it treats as satisfiable, so it
should never reject what Apollo accepts; it may accept what Apollo rejects.

Messages follow Apollo's: the witness query, then the reasons grouped by subgraph.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from graphql import ListTypeNode, NonNullTypeNode, TypeNode

from .errors import CompositionError
from .fieldset import FieldSetError, Selected, resolve_field_set
from .metadata import Metadata
from .model import (
    BUILTIN_SCALARS,
    Field,
    TypeDef,
    base_type_name,
    directives_named,
    has_directive,
    js_string,
)
from .subgraph import Subgraph

_WITNESS_SCALARS = {
    "Int": "0",
    "Float": "3.14",
    "Boolean": "true",
    "String": js_string("A string value"),
    "ID": js_string("<any id>"),
}
_BAIL_FIELD_DIRECTIVES = ("override",)
_KINDS = ("query", "mutation", "subscription")
_DOWNCAST = "..."

# What a @provides makes locally resolvable below a field: field names, each with its own
# provided sub-selection.
Provided = frozenset[tuple[str, "Provided"]]
_NOTHING: Provided = frozenset()


class _Uncertain(Exception):
    """Something this subset does not model: treat the field as satisfiable."""


@dataclass(frozen=True)
class _Option:
    """One subgraph path reaching the current type: its subgraph, where it last entered that
    subgraph (`previous`: the subgraph it jumped from by @key, None for the query root) and the
    fields collected since."""

    subgraph: int
    previous: int | None = None
    since: tuple[tuple[str, str], ...] = ()  # (parent type, field name)
    provided: Provided = _NOTHING


@dataclass(frozen=True)
class _Reason:
    source: int
    dest: int
    details: str


@dataclass
class _State:
    type_name: str
    path: tuple[Field | str, ...]  # fields, and type names for downcasts (`... on T`)
    options: tuple[_Option, ...]
    kind: str = "query"


def _as_provided(items: list[Selected]) -> Provided:
    return frozenset((s.field.name, _as_provided(s.children)) for s in items)


def _key_text(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class _Satisfiability:
    def __init__(self, subgraphs: Sequence[Subgraph], types: Mapping[str, TypeDef]) -> None:
        self.subgraphs = list(subgraphs)
        self.names = [s.name for s in self.subgraphs]
        self.meta = [Metadata(s) for s in self.subgraphs]
        self.types = types
        self.errors: list[CompositionError] = []
        self.roots = {s.roots.get(op) for s in self.subgraphs for op in s.roots}

    # -------------------------------------------------------------- subgraph facts

    def _type_in(self, idx: int, name: str) -> TypeDef | None:
        t = self.subgraphs[idx].type(name)
        return t if t is not None and t.kind in ("object", "interface") else None

    def _resolvable_keys(self, idx: int, name: str) -> list[str]:
        t = self._type_in(idx, name)
        if t is None:
            return []
        return [
            k.arg_str("fields") or ""
            for k in t.applied("key")
            if k.arg_bool("resolvable") is not False
        ]

    def _can_collect(self, idx: int, parent: TypeDef, items: list[Selected]) -> bool:
        """Whether subgraph `idx` can itself resolve a key's selection on `parent`."""
        meta = self.meta[idx]
        own_keys = {
            s.field.name
            for k in parent.applied("key")
            for s in self._resolve(idx, parent, k.arg_str("fields") or "") or []
        }
        for s in items:
            if meta.is_external(s.field) and s.field.name not in own_keys:
                return False
            if s.children:
                child = self._type_in(idx, base_type_name(s.field.type))
                if child is None:
                    raise _Uncertain
                if not self._can_collect(idx, child, s.children):
                    return False
        return True

    def _resolve(self, idx: int, parent: TypeDef, text: str) -> list[Selected] | None:
        try:
            return resolve_field_set(self.subgraphs[idx], parent, text)
        except FieldSetError:
            return None

    def _key_ok(self, source: int, type_name: str, key: str) -> bool:
        parent = self._type_in(source, type_name)
        if parent is None:
            return False
        items = self._resolve(source, parent, key)
        return items is not None and self._can_collect(source, parent, items)

    def _direct(
        self, idx: int, type_name: str, field_name: str, provided: Provided = _NOTHING
    ) -> str | None:
        """None when subgraph `idx` resolves the field itself, else Apollo's reason."""
        t = self._type_in(idx, type_name)
        f = t.fields.get(field_name) if t is not None else None
        coordinate = f"{type_name}.{field_name}"
        if f is None:
            return f'cannot find field "{coordinate}"'
        if any(has_directive(f, d) for d in _BAIL_FIELD_DIRECTIVES):
            raise _Uncertain
        if t is not None and t.kind == "interface":
            for impl in self.subgraphs[idx].implementations(type_name):
                impl_field = impl.fields.get(field_name)
                if (
                    impl_field is None
                    or self.meta[idx].is_external(impl_field)
                    or directives_named(impl_field, "requires")
                    or any(has_directive(impl_field, d) for d in _BAIL_FIELD_DIRECTIVES)
                ):
                    raise _Uncertain
        if self.meta[idx].is_external(f):
            if any(n == field_name for n, _ in provided):
                return None
            return f'field "{coordinate}" is not resolvable because marked @external'
        for req in directives_named(f, "requires"):
            if not self._requires_ok(idx, type_name, req.arg_str("fields") or ""):
                return f'cannot satisfy @require conditions on field "{coordinate}"'
        return None

    def _provided_below(
        self, idx: int, type_name: str, field_name: str, provided: Provided
    ) -> Provided:
        """What is provided on the type of `type_name.field_name` once subgraph `idx` collects
        it: its own @provides, or what an enclosing @provides selected below it."""
        out = [set(sub) for n, sub in provided if n == field_name]
        t = self._type_in(idx, type_name)
        f = t.fields.get(field_name) if t is not None else None
        target = self.subgraphs[idx].type(base_type_name(f.type)) if f is not None else None
        if f is not None and target is not None:
            for prov in directives_named(f, "provides"):
                items = self._resolve(idx, target, prov.arg_str("fields") or "")
                if items is None:
                    raise _Uncertain
                out.append(set(_as_provided(items)))
        return frozenset().union(*out) if out else _NOTHING

    def _requires_ok(self, idx: int, type_name: str, fields: str) -> bool:
        parent = self._type_in(idx, type_name)
        assert parent is not None
        items = self._resolve(idx, parent, fields)
        if items is None or any(s.children for s in items):
            raise _Uncertain
        if not self._resolvable_keys(idx, type_name):
            raise _Uncertain  # Apollo's "missing usable key ... to resume query"
        reachable = self._reachable(idx, type_name)
        for s in items:
            if not any(
                (f := (t.fields.get(s.field.name) if (t := self._type_in(x, type_name)) else None))
                is not None
                and not self.meta[x].is_external(f)
                and not directives_named(f, "requires")
                for x in reachable
                if x != idx
            ):
                return False
        return True

    def _reachable(self, start: int, type_name: str) -> list[int]:
        seen = [start]
        queue = [start]
        while queue:
            x = queue.pop(0)
            for y in range(len(self.subgraphs)):
                if y in seen:
                    continue
                if any(self._key_ok(x, type_name, k) for k in self._resolvable_keys(y, type_name)):
                    seen.append(y)
                    queue.append(y)
        return seen

    # -------------------------------------------------------------- advancing one option

    def _advance(
        self, option: _Option, state: _State, f: Field, leaf: bool
    ) -> tuple[list[_Option], list[_Reason]]:
        t_name, name, s = state.type_name, f.name, option.subgraph
        results: list[_Option] = []
        dead: list[_Reason] = []
        direct = self._direct(s, t_name, name, option.provided)
        if direct is None:
            since = (*option.since, (f.parent, f.name))
            below = self._provided_below(s, t_name, name, option.provided)
            results.append(_Option(s, option.previous, since, below))
            if leaf:
                return results, []
        else:
            dead.append(_Reason(s, s, direct))
        # indirect paths: @key jumps from `s` (and onwards), as Apollo's
        # advancePathWithNonCollectingAndTypePreservingTransitions
        reached: list[tuple[int, int]] = []  # (subgraph, jumped from)
        key_failures: list[_Reason] = []
        ignored: list[_Reason] = []
        seen = {s}
        queue = [s]
        while queue:
            x = queue.pop(0)
            for y in range(len(self.subgraphs)):
                if y in seen:
                    continue
                for key in self._resolvable_keys(y, t_name):
                    if not self._key_ok(x, t_name, key):
                        key_failures.append(
                            _Reason(
                                x,
                                y,
                                f'cannot move to subgraph "{self.names[y]}" using @key(fields: '
                                f'"{_key_text(key)}") of "{t_name}", the key field(s) cannot be '
                                f'resolved from subgraph "{self.names[x]}"',
                            )
                        )
                        continue
                    # Apollo checks for a detour only when a field was collected since the
                    # path last entered its subgraph
                    if x == s and option.since and self._is_detour(option, state, y):
                        seen.add(y)
                        ignored.append(
                            _Reason(
                                x,
                                y,
                                f'ignoring moving to subgraph "{self.names[y]}" using @key('
                                f'fields: "{_key_text(key)}") of "{t_name}" because there is a '
                                f"more direct path in {self.names[y]} that avoids "
                                f"{self.names[x]} altogether",
                            )
                        )
                        break
                    seen.add(y)
                    reached.append((y, x))
                    queue.append(y)
                    break
        reached_set = {y for y, _ in reached}
        if any(r.dest in reached_set for r in key_failures):
            raise _Uncertain
        indirect_dead: list[_Reason] = []
        for y, x in reached:
            reason = self._direct(y, t_name, name)
            if reason is None:
                below = self._provided_below(y, t_name, name, _NOTHING)
                results.append(_Option(y, x, ((f.parent, f.name),), below))
            else:
                indirect_dead.append(_Reason(y, y, reason))
        if results:
            return results, []
        reasons = dead + indirect_dead + ignored + key_failures
        with_dead_end = {r.dest for r in reasons}
        for y in range(len(self.subgraphs)):
            if y in with_dead_end:
                continue
            yt = self._type_in(y, t_name)
            if yt is None or name not in yt.fields:
                continue
            keys = yt.applied("key")
            if any(k.arg_bool("resolvable") is not False for k in keys):
                raise _Uncertain
            explanation = (
                f'type "{t_name}" has no @key defined in subgraph "{self.names[y]}"'
                if not keys
                else f'none of the @key defined on type "{t_name}" in subgraph '
                f'"{self.names[y]}" are resolvable (they are all declared with their '
                '"resolvable" argument set to false)'
            )
            reasons.append(
                _Reason(
                    s,
                    y,
                    f'cannot move to subgraph "{self.names[y]}", which has field '
                    f'"{t_name}.{name}", because {explanation}',
                )
            )
        return [], reasons

    def _is_detour(self, option: _Option, state: _State, dest: int) -> bool:
        """Apollo ignores a jump when the subgraph the path last came from (or, for a path
        entered at the query root, the destination itself from its own root) reaches this type
        directly: Apollo's checkDirectPathFromPreviousSubgraphTo."""
        if option.previous is None:
            return self._follows(dest, state.kind, option.since)
        if not self._follows(option.previous, option.since[0][0], option.since):
            return False
        if dest == option.previous:
            return True
        return any(
            self._key_ok(option.previous, state.type_name, k)
            for k in self._resolvable_keys(dest, state.type_name)
        )

    def _follows(self, idx: int, start: str, fields: tuple[tuple[str, str], ...]) -> bool:
        """Whether subgraph `idx` can collect `fields` (and downcasts) in a row, from type
        `start` or from its root of that kind."""
        roots = self.subgraphs[idx].roots
        current: str | None = roots.get(start) if start in _KINDS else start
        for parent, name in fields:
            if parent == _DOWNCAST:
                if self.subgraphs[idx].type(name) is None:
                    return False
                current = name
                continue
            t = self._type_in(idx, current) if current is not None else None
            sf = t.fields.get(name) if t is not None else None
            if sf is None or self.meta[idx].is_external(sf):
                return False
            current = base_type_name(sf.type)
        return True

    # -------------------------------------------------------------- traversal

    def run(self) -> list[CompositionError]:
        stack: list[_State] = []
        for kind in _KINDS:
            initial = tuple(
                _Option(i, None, ())
                for i, s in enumerate(self.subgraphs)
                if kind in s.roots and (t := s.type(s.roots[kind])) is not None and t.fields
            )
            name = next((s.roots[kind] for s in self.subgraphs if kind in s.roots), None)
            if initial and name is not None and name in self.types:
                stack.append(_State(name, (), initial, kind))
        visits: dict[str, list[frozenset[int]]] = {}
        while stack:
            state = stack.pop()
            key = frozenset(o.subgraph for o in state.options)
            previous = visits.setdefault(state.type_name, [])
            if any(key >= p for p in previous):
                continue
            previous.append(key)
            for new in self._handle(state):
                stack.append(new)
        return self.errors

    def _handle(self, state: _State) -> list[_State]:
        t = self.types[state.type_name]
        out: list[_State] = []
        for f in t.fields.values():
            if has_directive(f, "inaccessible"):
                continue
            target_name = base_type_name(f.type)
            target = self.types.get(target_name)
            if target is not None and has_directive(target, "inaccessible"):
                continue
            leaf = (
                target is None
                or target.kind in ("scalar", "enum")
                or target_name in BUILTIN_SCALARS
            )
            try:
                options: list[_Option] = []
                reasons: list[_Reason] = []
                for option in state.options:
                    got, why = self._advance(option, state, f, leaf)
                    options += got
                    reasons += why
            except _Uncertain:
                continue
            path = (*state.path, f)
            if (
                state.kind == "mutation"
                and not state.path
                and len({o.subgraph for o in options}) > 1
            ):
                continue  # Apollo validates such a mutation field per subgraph: not modelled
            if not options:
                if t.kind == "interface":
                    continue  # not modelled: Apollo's reasons for interface fields
                self.errors.append(self._error(state.kind, path, reasons))
                continue
            if leaf or target is None or target_name in self.roots:
                continue
            if not self._modelled(target, f, options):
                continue
            unique = tuple(dict.fromkeys(options))
            out.append(_State(target_name, path, unique, state.kind))
        if t.kind in ("interface", "union"):
            out += self._downcasts(state, t)
        return out

    def _modelled(self, target: TypeDef, f: Field, options: list[_Option]) -> bool:
        """Whether the states below this field are within this subset."""
        if target.kind == "input" or any(
            (x := self.subgraphs[i].type(target.name)) is not None and x.has("interfaceObject")
            for i in range(len(self.subgraphs))
        ):
            return False
        if target.kind == "interface" and any(
            (x := self.subgraphs[i].type(target.name)) is not None and x.has("key")
            for i in range(len(self.subgraphs))
        ):
            return False
        for o in options:
            x = self.subgraphs[o.subgraph].type(target.name)
            pt = self._type_in(o.subgraph, f.parent)
            sf = pt.fields.get(f.name) if pt is not None else None
            if x is None or x.kind != target.kind or sf is None:
                return False
            if base_type_name(sf.type) != target.name:
                return False
        return True

    def _runtime_types(self, idx: int | None, t: TypeDef) -> list[str]:
        types = self.types if idx is None else self.subgraphs[idx].types
        if t.kind == "union":
            source = types.get(t.name)
            return list(source.members) if source is not None else []
        return [x.name for x in types.values() if x.kind == "object" and t.name in x.interfaces]

    def _downcasts(self, state: _State, t: TypeDef) -> list[_State]:
        out: list[_State] = []
        for name in self._runtime_types(None, t):
            runtime = self.types.get(name)
            if runtime is None or has_directive(runtime, "inaccessible"):
                continue
            options = tuple(
                _Option(
                    o.subgraph,
                    o.previous,
                    (*o.since, (_DOWNCAST, name)),
                    o.provided,
                )
                for o in state.options
                if name in self._runtime_types(o.subgraph, t)
            )
            if options:
                out.append(_State(name, (*state.path, name), options, state.kind))
        return out

    # -------------------------------------------------------------- message

    def _empty_selection(self, f: Field, indent: str) -> str:
        target = self.types.get(base_type_name(f.type))
        if target is not None and target.kind in ("object", "interface", "union"):
            return f" {{\n{indent}  ...\n{indent}}}"
        return ""

    def _witness_value(self, type_node: TypeNode) -> str:
        """Apollo's generateWitnessValue, printed."""
        if isinstance(type_node, NonNullTypeNode):
            return self._witness_value(type_node.type)
        if isinstance(type_node, ListTypeNode):
            return "[]"
        name = base_type_name(type_node)
        if name in _WITNESS_SCALARS:
            return _WITNESS_SCALARS[name]
        t = self.types.get(name)
        if t is None or t.kind == "scalar":
            return js_string("<some value>")
        if t.kind == "enum":
            return next(iter(t.values))
        fields = [
            f"{f.name}: {self._witness_value(f.type)}"
            for f in t.fields.values()
            if f.default is None and isinstance(f.type, NonNullTypeNode)
        ]
        return "{" + ", ".join(fields) + "}"

    def _error(
        self, kind: str, path: tuple[Field | str, ...], reasons: list[_Reason]
    ) -> CompositionError:
        def render(i: int) -> str:
            f = path[i]
            indent = "  " * (i + 1)
            if isinstance(f, str):
                return f"{indent}... on {f} {{\n{render(i + 1)}\n{indent}}}"
            args = ""
            if f.args:
                inner = ", ".join(
                    f"{a.name}: {self._witness_value(a.type)}" for a in f.args.values()
                )
                args = f"({inner})"
            if i + 1 < len(path):
                return f"{indent}{f.name}{args} {{\n{render(i + 1)}\n{indent}}}"
            return f"{indent}{f.name}{args}{self._empty_selection(f, indent)}"

        operation = ("" if kind == "query" else kind + " ") + "{\n" + render(0) + "\n}"
        by_subgraph: dict[int, list[str]] = {}
        for r in reasons:
            by_subgraph.setdefault(r.source, []).append(r.details)
        parts = []
        for idx, details in by_subgraph.items():
            msg = f'- from subgraph "{self.names[idx]}":'
            if len(details) == 1:
                msg += " " + details[0] + "."
            else:
                for d in dict.fromkeys(details):
                    msg += "\n  - " + d + "."
            parts.append(msg)
        message = (
            "The following supergraph API query:\n"
            + operation
            + "\ncannot be satisfied by the subgraphs because:\n"
            + "\n".join(parts)
        )
        return CompositionError("SATISFIABILITY_ERROR", message)


def validate_satisfiability(
    subgraphs: Sequence[Subgraph], types: Mapping[str, TypeDef]
) -> list[CompositionError]:
    """SATISFIABILITY_ERRORs for the common cases (see the module docstring)."""
    return _Satisfiability(subgraphs, types).run()
