"""The interface every runtime adapter implements."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class RuntimeResult:
    output: Any  # JSON: what the run returns to its caller
    input_tokens: int | None = None
    output_tokens: int | None = None


class RuntimeFailure(Exception):
    """The flow could not produce a result; the message is safe to show the run's owner."""

    def __init__(self, message: str, retryable: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.retryable = retryable


class RunProgress:
    """What a runtime tells the worker while one call is under way.

    `may_have_run` is what the worker needs to abandon a call safely (on shutdown): False
    while the flow certainly has not started (nothing sent yet, or every request so far
    failed before reaching it), True from the moment a request may reach the flow. `text` is
    the output produced so far, for runs watched while they stream; None until there is some;
    `changed` is set whenever it changes (the worker clears it).
    """

    def __init__(self) -> None:
        self.may_have_run = False
        self.text: str | None = None
        self.changed = asyncio.Event()

    def sending(self) -> None:
        """A request is about to go out: from now on the flow may be running."""
        self.may_have_run = True

    def not_sent(self) -> None:
        """The request just made certainly never reached the flow."""
        self.may_have_run = False

    def output(self, text: str) -> None:
        """The text produced so far (the whole of it, not the latest piece)."""
        if text != self.text:
            self.text = text
            self.changed.set()


class FlowRuntime(Protocol):
    name: str

    async def run(
        self,
        flow_id: str,
        run_input: Any,
        session_id: str,
        progress: RunProgress | None = None,
    ) -> RuntimeResult:
        """Execute `flow_id` once; raise RuntimeFailure when it fails. Report through
        `progress` when the flow may have started and, if it streams, its output so far."""
        ...

    async def aclose(self) -> None: ...
