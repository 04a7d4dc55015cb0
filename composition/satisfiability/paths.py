"""Advancing the subgraph paths that reach a type by one field: directly in their subgraph, or
after `@key` jumps to others (Apollo's
advancePathWithNonCollectingAndTypePreservingTransitions, with its detour rule)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Field
from .facts import NOTHING_PROVIDED, Provided, Step, SubgraphFacts, Uncertain


@dataclass(frozen=True)
class SubgraphPath:
    """One subgraph path reaching the current type: its subgraph, where it last entered that
    subgraph (`previous`: the subgraph it jumped from by @key, None for the query root) and the
    steps collected since."""

    subgraph: int
    previous: int | None = None
    since: tuple[Step, ...] = ()
    provided: Provided = NOTHING_PROVIDED


@dataclass(frozen=True)
class DeadEnd:
    """Why a path from subgraph `source` cannot go on (in `dest`), in Apollo's words."""

    source: int
    dest: int
    details: str


@dataclass
class State:
    """A type reached by an operation: the fields (and `... on T` type names) leading there, and
    every subgraph path reaching it."""

    type_name: str
    path: tuple[Field | str, ...]
    options: tuple[SubgraphPath, ...]
    kind: str = "query"


def _key_text(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def advance(
    facts: SubgraphFacts, option: SubgraphPath, state: State, field: Field, leaf: bool
) -> tuple[list[SubgraphPath], list[DeadEnd]]:
    """The paths collecting `field` from `option`, or why none can."""
    type_name, field_name, start = state.type_name, field.name, option.subgraph
    names = facts.names
    results: list[SubgraphPath] = []
    dead: list[DeadEnd] = []
    direct = facts.cannot_resolve(start, type_name, field_name, option.provided)
    if direct is None:
        since = (*option.since, Step(field.parent, field.name))
        below = facts.provided_below(start, type_name, field_name, option.provided)
        results.append(SubgraphPath(start, option.previous, since, below))
        if leaf:
            return results, []
    else:
        dead.append(DeadEnd(start, start, direct))
    # indirect paths: @key jumps from `start` (and onwards)
    reached: list[tuple[int, int]] = []  # (subgraph, jumped from)
    key_failures: list[DeadEnd] = []
    ignored: list[DeadEnd] = []
    seen = {start}
    queue = [start]
    while queue:
        current = queue.pop(0)
        for other in range(len(facts.subgraphs)):
            if other in seen:
                continue
            for key in facts.resolvable_keys(other, type_name):
                if not facts.key_usable_from(current, type_name, key):
                    key_failures.append(
                        DeadEnd(
                            current,
                            other,
                            f'cannot move to subgraph "{names[other]}" using @key(fields: '
                            f'"{_key_text(key)}") of "{type_name}", the key field(s) cannot be '
                            f'resolved from subgraph "{names[current]}"',
                        )
                    )
                    continue
                # Apollo checks for a detour only when a field was collected since the
                # path last entered its subgraph
                if current == start and option.since and _is_detour(facts, option, state, other):
                    seen.add(other)
                    ignored.append(
                        DeadEnd(
                            current,
                            other,
                            f'ignoring moving to subgraph "{names[other]}" using @key('
                            f'fields: "{_key_text(key)}") of "{type_name}" because there is a '
                            f"more direct path in {names[other]} that avoids "
                            f"{names[current]} altogether",
                        )
                    )
                    break
                seen.add(other)
                reached.append((other, current))
                queue.append(other)
                break
    reached_subgraphs = {subgraph for subgraph, _ in reached}
    if any(failure.dest in reached_subgraphs for failure in key_failures):
        raise Uncertain
    indirect_dead: list[DeadEnd] = []
    for subgraph, jumped_from in reached:
        reason = facts.cannot_resolve(subgraph, type_name, field_name)
        if reason is None:
            below = facts.provided_below(subgraph, type_name, field_name, NOTHING_PROVIDED)
            step = Step(field.parent, field.name)
            results.append(SubgraphPath(subgraph, jumped_from, (step,), below))
        else:
            indirect_dead.append(DeadEnd(subgraph, subgraph, reason))
    if results:
        return results, []
    reasons = dead + indirect_dead + ignored + key_failures
    return [], reasons + _unreachable_owners(facts, start, type_name, field_name, reasons)


def _unreachable_owners(
    facts: SubgraphFacts, start: int, type_name: str, field_name: str, reasons: list[DeadEnd]
) -> list[DeadEnd]:
    """Why the other subgraphs with the field cannot be reached: no key, or none resolvable."""
    names = facts.names
    with_dead_end = {reason.dest for reason in reasons}
    found: list[DeadEnd] = []
    for other in range(len(facts.subgraphs)):
        if other in with_dead_end:
            continue
        other_type = facts.composite_type(other, type_name)
        if other_type is None or field_name not in other_type.fields:
            continue
        keys = other_type.applied("key")
        if any(key.arg_bool("resolvable") is not False for key in keys):
            raise Uncertain
        explanation = (
            f'type "{type_name}" has no @key defined in subgraph "{names[other]}"'
            if not keys
            else f'none of the @key defined on type "{type_name}" in subgraph '
            f'"{names[other]}" are resolvable (they are all declared with their '
            '"resolvable" argument set to false)'
        )
        found.append(
            DeadEnd(
                start,
                other,
                f'cannot move to subgraph "{names[other]}", which has field '
                f'"{type_name}.{field_name}", because {explanation}',
            )
        )
    return found


def _is_detour(facts: SubgraphFacts, option: SubgraphPath, state: State, dest: int) -> bool:
    """Apollo ignores a jump when the subgraph the path last came from (or, for a path
    entered at the query root, the destination itself from its own root) reaches this type
    directly: Apollo's checkDirectPathFromPreviousSubgraphTo."""
    if option.previous is None:
        return facts.follows(dest, state.kind, option.since)
    if not facts.follows(option.previous, option.since[0].parent, option.since):
        return False
    if dest == option.previous:
        return True
    return any(
        facts.key_usable_from(option.previous, state.type_name, key)
        for key in facts.resolvable_keys(dest, state.type_name)
    )
