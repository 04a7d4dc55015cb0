"""Apollo's reference results, computed once per session and in parallel (node start-up and the
1 MB Saleor composition dominate the suite's time)."""

from __future__ import annotations

from typing import Any

import pytest

from composition import SubgraphInput
from composition.config import load_config
from composition.sources import load_inputs
from tests.composition.error_cases import CASES, VARIANTS, ErrorCase
from tests.composition.support import (
    apollo_compose_many,
    apollo_unavailable_reason,
    fixture_sets,
    load_set,
)
from tests.fixtures import SALEOR_SDL

PROJECT = "project (schema/supergraph.toml)"
REAL_SALEOR = "our subgraphs + real Saleor SDL"


def project_inputs() -> list[SubgraphInput]:
    return load_inputs(load_config())


def real_saleor_inputs() -> list[SubgraphInput]:
    ours = [i for i in project_inputs() if i.name != "saleor"]
    saleor = next(i for i in project_inputs() if i.name == "saleor")
    return [*ours, SubgraphInput("saleor", saleor.url, SALEOR_SDL.read_text())]


def case_inputs(case: ErrorCase) -> list[SubgraphInput]:
    return [
        SubgraphInput(n, f"http://{n}.example/graphql", sdl) for n, sdl in case.subgraphs.items()
    ]


def error_case_inputs(index: int) -> list[SubgraphInput]:
    return case_inputs(CASES[index])


@pytest.fixture(scope="session")
def apollo_results() -> dict[str, dict[str, Any]]:
    reason = apollo_unavailable_reason()
    if reason:
        pytest.skip(reason)
    sets: dict[str, list[SubgraphInput]] = {name: load_set(name) for name in fixture_sets()}
    sets[PROJECT] = project_inputs()
    sets[REAL_SALEOR] = real_saleor_inputs()
    for i, case in enumerate(CASES):
        sets[f"error {i}: {case.code}"] = error_case_inputs(i)
    for i, case in enumerate(VARIANTS):
        sets[f"variant {i}: {case.code}"] = case_inputs(case)
    return apollo_compose_many(sets)
