"""Helpers for the composition tests: fixture sets, Apollo's reference composition, and the
normalized views of a supergraph that the differential test compares."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from graphql import (
    ConstDirectiveNode,
    EnumTypeDefinitionNode,
    GraphQLSchema,
    lexicographic_sort_schema,
    parse,
    print_ast,
    print_schema,
)

from composition import SubgraphInput
from router.supergraph.api_schema import api_schema_of_sdl

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
APOLLO_DIR = ROOT / "tools" / "apollo"
BATCH_SCRIPT = Path(__file__).resolve().parent / "apollo_batch.mjs"

Fact = tuple[str, ...]


def fixture_sets() -> list[str]:
    return sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


def load_set(name: str) -> list[SubgraphInput]:
    return [
        SubgraphInput(p.stem, f"http://{p.stem}.example/graphql", p.read_text())
        for p in sorted((FIXTURES / name).glob("*.graphql"))
    ]


# ---------------------------------------------------------------------------- Apollo


def apollo_unavailable_reason() -> str | None:
    if shutil.which("node") is None:
        return "node is not installed: Apollo's reference composition cannot run"
    if not (APOLLO_DIR / "node_modules" / "@apollo" / "composition").exists():
        npm = shutil.which("npm")
        if npm is None:
            return "npm is not installed: cannot install tools/apollo"
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"],
            cwd=APOLLO_DIR,
            check=True,
            capture_output=True,
            timeout=600,
        )
    return None


def _apollo_batch(sets: dict[str, list[SubgraphInput]]) -> dict[str, dict[str, Any]]:
    payload = {
        "sets": {
            name: [{"name": i.name, "url": i.url, "sdl": i.sdl} for i in inputs]
            for name, inputs in sets.items()
        }
    }
    done = subprocess.run(
        ["node", str(BATCH_SCRIPT), str(APOLLO_DIR)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    result: dict[str, dict[str, Any]] = json.loads(done.stdout)
    return result


def apollo_compose_many(
    sets: dict[str, list[SubgraphInput]], processes: int = 4
) -> dict[str, dict[str, Any]]:
    """Compose many sets with Apollo: a few node processes, the biggest sets on their own."""
    by_size = sorted(sets, key=lambda n: -sum(len(i.sdl) for i in sets[n]))
    chunks: list[dict[str, list[SubgraphInput]]] = [{} for _ in range(processes)]
    for i, name in enumerate(by_size):
        chunks[0 if i == 0 else 1 + i % (processes - 1)][name] = sets[name]
    with ThreadPoolExecutor(max_workers=processes) as pool:
        results = pool.map(_apollo_batch, [c for c in chunks if c])
    return {name: r for chunk in results for name, r in chunk.items()}


# ---------------------------------------------------------------------------- comparisons


def normalized_api_schema(supergraph_sdl: str) -> str:
    schema: GraphQLSchema = api_schema_of_sdl(supergraph_sdl)
    return print_schema(lexicographic_sort_schema(schema))


def _args(d: ConstDirectiveNode) -> str:
    return ", ".join(
        f"{a.name.value}: {print_ast(a.value)}"
        for a in sorted(d.arguments or (), key=lambda a: a.name.value)
    )


def join_facts(supergraph_sdl: str) -> set[Fact]:
    """Every join__* application as (directive, coordinate, sorted arguments)."""
    facts: set[Fact] = set()
    doc = parse(supergraph_sdl, no_location=True)

    def add(directives: Iterable[ConstDirectiveNode], coordinate: str) -> None:
        for d in directives:
            if d.name.value.startswith("join__"):
                facts.add((d.name.value, coordinate, _args(d)))

    for definition in doc.definitions:
        name = getattr(getattr(definition, "name", None), "value", None)
        if name is None or name.startswith(("join__", "link__")):
            continue
        add(getattr(definition, "directives", None) or (), name)
        for f in getattr(definition, "fields", None) or ():
            add(f.directives or (), f"{name}.{f.name.value}")
        if isinstance(definition, EnumTypeDefinitionNode):
            for v in definition.values or ():
                add(v.directives or (), f"{name}.{v.name.value}")
    return facts
