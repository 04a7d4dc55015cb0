"""The README's "Trying it" block, pasted as it is into bash against a `cmp dev` (the stack
`./run dev` starts): an organization, an offering, an instance, credits, a run watched to its
end and its charge in the wallet. Keeps the front door's walkthrough working."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.support.dev_process import ROOT, dev_data_dir, start_dev

pytestmark = pytest.mark.slow
README = (ROOT / "README.md").read_text()


def trying_it_block() -> str:
    section = README[README.index("## Trying it") : README.index("A worked example")]
    return section.split("```bash\n", 1)[1].split("```", 1)[0]


def run_against_dev(
    block: str, data_dir: Path, log: Path
) -> tuple[subprocess.CompletedProcess[str], str]:
    """The block in bash (stopping at the first failure), on a `cmp dev` of its own; `cmp` is
    this environment's. Also the router's /metrics page once the block is done."""
    dev, port = start_dev(data_dir, log)
    try:
        script = block.replace("127.0.0.1:4000", f"127.0.0.1:{port}").replace(
            ".venv/bin/cmp", str(Path(sys.executable).parent / "cmp")
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith("CMP_")}
        env.update(CMP_DATA_DIR=str(data_dir), CMP_ENV="development")
        done = subprocess.run(
            ["bash", "-e", "-o", "pipefail", "-c", script],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        return done, httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=10).text
    finally:
        dev.send_signal(signal.SIGTERM)
        dev.wait(timeout=60)


def test_the_trying_it_block_runs_end_to_end(tmp_path: Path) -> None:
    block = trying_it_block()
    assert "API=http://127.0.0.1:4000/graphql" in block and ".venv/bin/cmp token" in block
    with dev_data_dir() as data_dir:
        done, metrics = run_against_dev(block, data_dir, tmp_path / "dev.log")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert json.loads(lines[0]) == {"balance": 50, "available": 50}  # the grant
    events = [
        json.loads(line.removeprefix("data: ")) for line in lines if line.startswith("data: {")
    ]
    last = events[-1]["data"]["runUpdated"]
    assert last["status"] == "SUCCEEDED" and last["creditsCharged"] == 5
    assert "event: complete" in lines
    wallet = json.loads(lines[-1])
    assert (wallet["balance"], wallet["available"]) == (45, 45)
    kinds = [edge["node"]["kind"] for edge in wallet["entries"]["edges"]]
    assert kinds == ["RUN_CHARGE", "ADJUSTMENT"]
    # cmp dev's worker runs inside the execution app: its figures are on the router's /metrics.
    assert 'cmp_run_duration_seconds_count{status="SUCCEEDED"} 1.0' in metrics
    assert 'cmp_run_queue_depth{status="QUEUED"} 0.0' in metrics
    assert "cmp_run_queue_up 1.0" in metrics
