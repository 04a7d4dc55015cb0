"""The interface every runtime adapter implements."""

from __future__ import annotations

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


class FlowRuntime(Protocol):
    name: str

    async def run(self, flow_id: str, run_input: Any, session_id: str) -> RuntimeResult:
        """Execute `flow_id` once; raise RuntimeFailure when it fails."""
        ...

    async def aclose(self) -> None: ...
