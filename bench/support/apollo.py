"""Apollo's reference tools (tools/apollo: composition, query planner, gateway), run with node;
the tests and the benchmarks compare our router against them."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
APOLLO_TOOLS = REPO / "tools" / "apollo"


def node_available() -> bool:
    return shutil.which("node") is not None and shutil.which("npm") is not None


def ensure_node_modules() -> None:
    """node_modules is git-ignored; install the pinned reference packages when missing."""
    if not (APOLLO_TOOLS / "node_modules" / "@apollo" / "composition").is_dir():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund"],  # noqa: S607 - npm from PATH, as a developer runs it
            cwd=APOLLO_TOOLS,
            check=True,
            capture_output=True,
        )


def run_node_tool(script: str, payload: object) -> dict[str, object]:
    ensure_node_modules()
    completed = subprocess.run(  # noqa: S603 - our own scripts in tools/apollo
        ["node", script],  # noqa: S607
        cwd=APOLLO_TOOLS,
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(completed.stdout)
    return result
