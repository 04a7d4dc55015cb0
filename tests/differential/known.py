"""The one data file of known outcomes (known_failures.toml):

- `[xfail]`: seeds our router gets wrong today (the planner's known failures), each marked
  `xfail(strict=False)` in CI. The planner engineer deletes lines as they fix them.
- `[apollo_wrong.<name>]`: named, documented cases where @apollo/gateway is wrong and we are
  right (judged by the oracle); CI checks that we match the oracle on those seeds."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

KNOWN_FAILURES_FILE = Path(__file__).resolve().parent / "known_failures.toml"

HEADER = """\
# Known outcomes of the differential suite (tests/differential), by case seed.
#
# [xfail]: cases our router answers differently from @apollo/gateway today, where Apollo (or
# neither) matches the expected answer: the current planner's known failures. Each is
# xfail(strict=False) in CI; delete a line when the planner fixes it. Regenerate with
#   .venv/bin/python -m tests.differential --seeds 0:600 --write-known
# (that rewrites [xfail] only; [apollo_wrong.*] sections are written by hand).
#
# [apollo_wrong.NAME]: cases where @apollo/gateway 2.14.4 is wrong and our answer is the
# expected one; `why` documents Apollo's behaviour. CI asserts we match the expected answer.
"""


@dataclass(frozen=True)
class ApolloWrong:
    name: str
    why: str
    seeds: frozenset[int]


@dataclass(frozen=True)
class Known:
    xfail: dict[int, str]
    apollo_wrong: dict[int, ApolloWrong]


def load_known(path: Path = KNOWN_FAILURES_FILE) -> Known:
    if not path.exists():
        return Known({}, {})
    data = tomllib.loads(path.read_text())
    xfail = {int(seed): str(reason) for seed, reason in data.get("xfail", {}).items()}
    apollo: dict[int, ApolloWrong] = {}
    for name, section in data.get("apollo_wrong", {}).items():
        expectation = ApolloWrong(name, section["why"], frozenset(section["seeds"]))
        for seed in expectation.seeds:
            apollo[seed] = expectation
    return Known(xfail, apollo)


class _Failing(Protocol):
    seed: int

    @property
    def verdict(self) -> str: ...

    @property
    def ours(self) -> Any: ...


def failure_reason(case: _Failing) -> str:
    """A one-line reason: the verdict and our first error (or that our data differs)."""
    errors = case.ours.errors if case.ours is not None else []
    detail = errors[0].get("message", "") if errors else "different data"
    return f"{case.verdict}: {' '.join(str(detail).split())[:160]}"


def write_known_failures(failing: Iterable[_Failing], path: Path = KNOWN_FAILURES_FILE) -> None:
    known = load_known(path)
    xfail = {
        c.seed: failure_reason(c)
        for c in failing
        if c.verdict in ("ours-wrong", "both-wrong") and c.seed not in known.apollo_wrong
    }
    sections: dict[str, ApolloWrong] = {e.name: e for e in known.apollo_wrong.values()}
    lines = [HEADER]
    for name, expectation in sorted(sections.items()):
        lines += [
            f"[apollo_wrong.{name}]",
            f"why = {json.dumps(expectation.why)}",
            f"seeds = {sorted(expectation.seeds)}",
            "",
        ]
    lines.append("[xfail]")
    lines += [f"{seed} = {json.dumps(reason)}" for seed, reason in sorted(xfail.items())]
    path.write_text("\n".join(lines) + "\n")
