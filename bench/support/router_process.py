"""The command line of `cmp router` as its own process, shared by the benchmarks that start it
and by the tests of the command (tests/support/router_process.py)."""

from __future__ import annotations

import sys
from pathlib import Path


def router_command(supergraph: Path, port: int, *options: str) -> list[str]:
    """`python -m cmp router --supergraph … --port …` plus `options`, for subprocess: the
    console's entry, which reads these options without typer (cmp/entry.py)."""
    return [
        sys.executable,
        "-m",
        "cmp",
        "router",
        "--supergraph",
        str(supergraph),
        "--port",
        str(port),
        *options,
    ]
