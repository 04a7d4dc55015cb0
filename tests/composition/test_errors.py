"""Each class of composition error: our message (Apollo's wording, naming subgraphs and schema
coordinates), and Apollo rejects the same subgraphs with the same error."""

from __future__ import annotations

from typing import Any

import pytest

from composition import CompositionFailed, SubgraphInput, compose
from tests.composition.conftest import case_inputs, error_case_inputs
from tests.composition.error_cases import CASES, VARIANTS, ErrorCase

IDS = [c.code for c in CASES]


@pytest.mark.parametrize(("index", "case"), list(enumerate(CASES)), ids=IDS)
def test_error_message(index: int, case: ErrorCase) -> None:
    with pytest.raises(CompositionFailed) as failure:
        compose(error_case_inputs(index))
    assert (case.code, case.message) in [(e.code, e.message) for e in failure.value.errors]


@pytest.mark.parametrize(("index", "case"), list(enumerate(CASES)), ids=IDS)
def test_apollo_rejects_alike(index: int, case: ErrorCase, apollo_results: dict[str, Any]) -> None:
    apollo = apollo_results[f"error {index}: {case.code}"]
    assert {"code": case.code, "message": case.message} in apollo.get("errors", [])
    with pytest.raises(CompositionFailed) as failure:
        compose(error_case_inputs(index))
    ours = sorted((e.code, e.message) for e in failure.value.errors)
    assert ours == sorted((e["code"], e["message"]) for e in apollo["errors"])


@pytest.mark.parametrize(
    ("index", "case"), list(enumerate(VARIANTS)), ids=[c.code for c in VARIANTS]
)
def test_variant_matches_apollo(
    index: int, case: ErrorCase, apollo_results: dict[str, Any]
) -> None:
    apollo = apollo_results[f"variant {index}: {case.code}"]
    with pytest.raises(CompositionFailed) as failure:
        compose(case_inputs(case))
    ours = sorted((e.code, e.message) for e in failure.value.errors)
    assert (case.code, case.message) in ours
    assert ours == sorted((e["code"], e["message"]) for e in apollo["errors"])


def test_every_error_class_is_covered() -> None:
    assert len({c.code for c in CASES}) == len(CASES) >= 30


def test_syntax_error_names_the_subgraph() -> None:
    with pytest.raises(CompositionFailed) as failure:
        compose([SubgraphInput("broken", "http://b", "type Query { a: }")])
    assert failure.value.codes == ["INVALID_GRAPHQL"]
    assert failure.value.errors[0].message.startswith("[broken] Syntax Error")


def test_unsupported_features_fail_loudly() -> None:
    sdl = (
        'extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", '
        'import: ["@authenticated"]) type Query { a: Int @authenticated }'
    )
    with pytest.raises(CompositionFailed) as failure:
        compose([SubgraphInput("a", "http://a", sdl)])
    assert failure.value.codes == ["UNSUPPORTED_FEATURE"]
