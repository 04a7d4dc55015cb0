"""Stacks of fixture subgraphs for the planner's semantics, started on first use (once per
session), and helpers: exact printed plans, and Apollo's reference planner for comparison."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable

import pytest

from tests.router.conftest import Stack, _start, _stop
from tests.router.fixtures.compose import FIXTURES

StackFactory = Callable[[str], Awaitable[Stack]]


@pytest.fixture(scope="session")
async def stacks() -> AsyncIterator[StackFactory]:
    started: dict[str, Stack] = {}

    async def get(name: str) -> Stack:
        if name not in started:
            started[name] = await _start(name, FIXTURES[name])
        stack = started[name]
        stack.reset()
        return stack

    yield get
    for stack in started.values():
        await _stop(stack)
