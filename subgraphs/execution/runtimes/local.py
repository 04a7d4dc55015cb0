"""The development runtime used when LANGFLOW_URL is unset: no model, no network. It answers
every flow with a deterministic echo, so the whole run lifecycle works on a laptop."""

from __future__ import annotations

import asyncio
from typing import Any

from subgraphs.execution.runtimes.base import RuntimeFailure, RuntimeResult


class LocalDevelopmentRuntime:
    name = "local-development"

    def __init__(self, delay_seconds: float = 0.0) -> None:
        self._delay = delay_seconds

    async def run(self, flow_id: str, run_input: Any, session_id: str) -> RuntimeResult:
        if self._delay:
            await asyncio.sleep(self._delay)
        text = run_input.get("input_value") if isinstance(run_input, dict) else run_input
        if text == "fail":  # lets a developer see the failure path without a real runtime
            raise RuntimeFailure("the local development runtime was asked to fail")
        words = len(str(text).split())
        return RuntimeResult(
            output={"text": f"[{flow_id}] {text}", "runtime": self.name},
            input_tokens=words,
            output_tokens=words + 1,
        )

    async def aclose(self) -> None:
        return None
