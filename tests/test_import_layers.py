"""The layers stay layered: the kernel imports none of the services above it, the router and
the webhooks do not reach into the subgraphs' package, and the benchmarks do not import tests.
Read from the source (every import statement, also inside functions), not from what happens
to be imported at run time."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(package: str) -> dict[str, set[str]]:
    """Each module file of the package -> the top-level packages it imports."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        tree = ast.parse(path.read_text(), filename=str(path))
        names: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(ROOT))] = names
    return found


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("kernel", {"router", "subgraphs", "webhooks", "cmp", "schema", "bench", "tests"}),
        ("router", {"subgraphs", "webhooks", "cmp", "bench", "tests"}),
        ("webhooks", {"subgraphs", "router", "cmp", "bench", "tests"}),
        ("bench", {"tests"}),
    ],
)
def test_a_package_imports_nothing_above_it(package: str, forbidden: set[str]) -> None:
    crossings = {
        module: sorted(names & forbidden)
        for module, names in imported_modules(package).items()
        if names & forbidden
    }
    assert crossings == {}
