"""The committed fixture supergraphs are what Apollo's composition makes of the fixture SDLs."""

from __future__ import annotations

import pytest

from bench.support.apollo import node_available
from tests.router.fixtures.compose import FIXTURES, compose, supergraph_path


@pytest.mark.skipif(not node_available(), reason="node/npm not installed")
@pytest.mark.parametrize("fixture", sorted(FIXTURES))
def test_committed_supergraph_is_current(fixture: str) -> None:
    assert compose(FIXTURES[fixture]()) == supergraph_path(fixture).read_text(), (
        "stale fixture supergraph: run `python -m tests.router.fixtures.compose`"
    )
