"""The one data file of known outcomes (known_failures.toml):

- `[xfail]`: seeds our router gets wrong today (the planner's known failures), each marked
  `xfail(strict=False)` in CI. The planner engineer deletes lines as they fix them.
- `[apollo_wrong.<name>]`: named, documented cases where @apollo/gateway is wrong (judged by
  the oracle); on those seeds CI checks our answer against the oracle's instead."""

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
#   .venv/bin/python -m tests.differential --seeds 0:520 --write-known
# (it names Apollo's mistakes with tests/differential/classify.py, and prints any case it
# cannot name, for a person to look at).
#
# [apollo_wrong.NAME]: cases where @apollo/gateway 2.14.4 is wrong (judged by the expected
# answer, computed from the world's facts); `why` documents Apollo's behaviour. On these seeds
# CI compares our answer with the expected one instead of Apollo's. A seed may be in both
# tables: Apollo is wrong, and so are we today.
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

    @property
    def expected(self) -> Any: ...


def first_difference(ours: Any, expected: Any, path: str = "data") -> str | None:
    """Where two JSON values first differ, and how: `data.a.0.b: ours X, expected Y`."""
    if isinstance(ours, dict) and isinstance(expected, dict):
        for key in list(expected) + [k for k in ours if k not in expected]:
            if key not in ours or key not in expected:
                side = "ours lacks it" if key not in ours else "ours has it, unasked"
                return f"{path}.{key}: {side}"
            found = first_difference(ours[key], expected[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(ours, list) and isinstance(expected, list) and len(ours) == len(expected):
        for index, (a, b) in enumerate(zip(ours, expected, strict=True)):
            found = first_difference(a, b, f"{path}.{index}")
            if found:
                return found
        return None
    if ours == expected:
        return None
    return f"{path}: ours {json.dumps(ours)[:40]}, expected {json.dumps(expected)[:40]}"


def failure_reason(case: _Failing) -> str:
    """A one-line reason: the verdict and our first error, else where our data differs."""
    errors = case.ours.errors if case.ours is not None else []
    if errors:
        detail = str(errors[0].get("message", ""))
    else:
        where = first_difference(case.ours.data, case.expected.data)
        detail = f"wrong data at {where}" if where else "errors where there should be none"
    return f"{case.verdict}: {' '.join(detail.split())[:160]}"


def write_known_failures(
    failing: Iterable[_Failing],
    apollo_wrong: dict[int, str],
    why: dict[str, str],
    path: Path = KNOWN_FAILURES_FILE,
) -> None:
    """Rewrite the file: [xfail] from the cases we get wrong, [apollo_wrong.NAME] from the
    cases where Apollo is wrong, named by the classifier (`apollo_wrong`: seed -> name)."""
    xfail = {
        c.seed: failure_reason(c) for c in failing if c.verdict in ("ours-wrong", "both-wrong")
    }
    by_name: dict[str, list[int]] = {}
    for seed, name in sorted(apollo_wrong.items()):
        by_name.setdefault(name, []).append(seed)
    lines = [HEADER]
    for name, seeds in sorted(by_name.items()):
        lines += [
            f"[apollo_wrong.{name}]",
            f"why = {json.dumps(why[name])}",
            f"seeds = {seeds}",
            "",
        ]
    lines.append("[xfail]")
    lines += [f"{seed} = {json.dumps(reason)}" for seed, reason in sorted(xfail.items())]
    path.write_text("\n".join(lines) + "\n")
