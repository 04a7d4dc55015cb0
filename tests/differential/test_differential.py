"""Our router against @apollo/gateway on seeded Federation 2 worlds (tests/differential): the
same subgraphs, the same supergraph (Apollo's composition), the same operations; `data` must be
identical and errors present in both or neither. Seeds where Apollo is wrong (named in
known_failures.toml) are judged against the expected answer instead; seeds our planner gets
wrong today are xfail there. `python -m tests.differential` runs many more seeds."""

from __future__ import annotations

import pytest
from graphql import build_schema, parse, validate

from tests.differential.conftest import TALLY
from tests.differential.harness import CI_SEEDS, OPERATIONS_PER_WORLD, Case, Harness, same
from tests.differential.known import KNOWN_FAILURES_FILE, load_known
from tests.differential.report import reproduction

MINIMUM_COMPARED = 500
OPERATION_FEATURES = {
    "alias", "arguments", "variables", "typename", "fragment-inline", "fragment-named",
    "skip-include-literal", "skip-include-variable", "merge-selections", "mutation",
    "abstract-in-abstract",
}  # fmt: skip
KNOWN = load_known()


def _seeds() -> list[object]:
    params: list[object] = []
    for seed in CI_SEEDS:
        marks = []
        if seed in KNOWN.xfail:
            marks.append(pytest.mark.xfail(strict=False, reason=KNOWN.xfail[seed]))
        params.append(pytest.param(seed, marks=marks, id=f"seed{seed}"))
    return params


async def _case(differential: Harness, seed: int) -> Case:
    case = await differential.case(seed, prefetch=seed + OPERATIONS_PER_WORLD in CI_SEEDS)
    if seed % OPERATIONS_PER_WORLD == OPERATIONS_PER_WORLD - 1 or seed == CI_SEEDS[-1]:
        TALLY.add(await differential.world_cases(seed // OPERATIONS_PER_WORLD))
    return case


@pytest.mark.parametrize("seed", _seeds())
async def test_our_router_answers_as_apollo_gateway(differential: Harness, seed: int) -> None:
    case = await _case(differential, seed)
    if case.status == "refused":
        codes = sorted({str(e.get("code")) for e in case.refusal})
        pytest.skip(f"Apollo's composition refuses this subgraph set ({', '.join(codes)})")
    if case.status == "no-operation":
        pytest.skip("the generator found no valid operation for this slot")
    assert case.ours is not None and case.apollo is not None and case.expected is not None
    apollo_wrong = KNOWN.apollo_wrong.get(seed)
    if apollo_wrong is None:
        if not same(case.ours, case.apollo):
            detail = reproduction(case) if seed in KNOWN.xfail else await _full(differential, case)
            pytest.fail(f"our router and @apollo/gateway disagree:\n{detail}", pytrace=False)
        return
    # A named, documented Apollo mistake: the expected answer is the reference here.
    assert not same(case.apollo, case.expected), (
        f"@apollo/gateway now gives the expected answer on seed {seed}: remove it from "
        f"[apollo_wrong.{apollo_wrong.name}] in {KNOWN_FAILURES_FILE.name}"
    )
    if not same(case.ours, case.expected):
        pytest.fail(
            f"Apollo is wrong here ({apollo_wrong.name}: {apollo_wrong.why}), and so are we:\n"
            + reproduction(case),
            pytrace=False,
        )


async def _full(differential: Harness, case: Case) -> str:
    return reproduction(case, await differential.trace(case))


async def test_the_ci_seeds_compare_500_valid_operations(differential: Harness) -> None:
    """Most generated subgraph sets compose, so CI compares at least 500 cases, and every
    compared operation is valid against the API schema (an invalid one would make both
    gateways answer with the same validation error: a case wasted, agreeing)."""
    compared: list[Case] = []
    for world in range(
        CI_SEEDS.start // OPERATIONS_PER_WORLD, CI_SEEDS.stop // OPERATIONS_PER_WORLD
    ):
        compared += [c for c in await differential.world_cases(world) if c.status == "compared"]
    assert len(compared) >= MINIMUM_COMPARED
    for case in compared:
        assert case.operation is not None
        errors = validate(build_schema(case.api_schema), parse(case.operation.query))
        assert not errors, (case.seed, errors)
    covered = set().union(*(c.operation.tags for c in compared if c.operation))
    assert covered >= OPERATION_FEATURES, OPERATION_FEATURES - covered
