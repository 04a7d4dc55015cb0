"""The development runtime used when LANGFLOW_URL is unset: no model, no network. It answers
every flow with a deterministic echo, so the whole run lifecycle works on a laptop. The echo
comes in a few chunks, `chunk_delay_seconds` apart (LOCAL_RUNTIME_CHUNK_DELAY_SECONDS), so a
developer watching `runUpdated` sees the output grow as it would from a streaming model."""

from __future__ import annotations

import asyncio
from typing import Any

from subgraphs.execution.runtimes.base import RunProgress, RuntimeFailure, RuntimeResult

CHUNKS = 4  # at most; a shorter answer comes in fewer


def chunks(text: str, count: int = CHUNKS) -> list[str]:
    """`text` cut at word boundaries into at most `count` pieces that join back to it."""
    words = text.split(" ")
    size = -(-len(words) // count)  # ceiling division
    pieces = [" ".join(words[i : i + size]) for i in range(0, len(words), size)]
    return [piece if i == 0 else " " + piece for i, piece in enumerate(pieces)]


class LocalDevelopmentRuntime:
    name = "local-development"

    def __init__(self, chunk_delay_seconds: float = 0.0) -> None:
        self._delay = chunk_delay_seconds

    async def run(
        self,
        flow_id: str,
        run_input: Any,
        session_id: str,
        progress: RunProgress | None = None,
    ) -> RuntimeResult:
        progress = progress or RunProgress()
        progress.sending()
        text = run_input.get("input_value") if isinstance(run_input, dict) else run_input
        if text == "fail":  # lets a developer see the failure path without a real runtime
            raise RuntimeFailure("the local development runtime was asked to fail")
        answer = f"[{flow_id}] {text}"
        so_far = ""
        for piece in chunks(answer):
            if self._delay:
                await asyncio.sleep(self._delay)
            so_far += piece
            progress.output(so_far)
        words = len(str(text).split())
        return RuntimeResult(
            output={"text": answer, "runtime": self.name},
            input_tokens=words,
            output_tokens=words + 1,
        )

    async def aclose(self) -> None:
        return None
