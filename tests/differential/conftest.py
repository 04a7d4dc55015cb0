"""The differential suite's shared harness (one subgraph host, one Node process for Apollo,
for the whole session) and its agreement figures at the end of a pytest run."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bench.support.apollo import node_available
from tests.differential.harness import Harness
from tests.differential.report import Tally

TALLY = Tally()


@pytest.fixture(scope="session")
async def differential() -> AsyncIterator[Harness]:
    if not node_available():
        pytest.skip("node/npm not installed: Apollo's composition and gateway need Node.js")
    harness = Harness(keep_worlds=128)
    await harness.start()
    yield harness
    await harness.stop()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if TALLY.compared:
        terminalreporter.section("differential suite: our router against @apollo/gateway")
        for line in TALLY.lines():
            terminalreporter.write_line(line)
