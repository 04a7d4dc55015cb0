"""`cmp dev` as a user runs it: a separate process on free ports, with its own data directory
(embedded PostgreSQL, development key), returned once its router answers /health."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from cmp.ports import PortInUse, check_port_free

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def dev_data_dir() -> Iterator[Path]:
    """A data directory outside pytest's temporary folder: as root, PostgreSQL runs as another
    user, and any pytest session starting meanwhile makes /tmp/pytest-of-root private again."""
    with tempfile.TemporaryDirectory(prefix="cmp-dev-test-") as scratch:
        yield Path(scratch) / "data"


def free_base_port() -> int:
    """Four free ports in a row, below Linux's ephemeral range (32768+), where outgoing
    connections would take them from under us."""
    while True:
        base = random.randrange(20_000, 32_000)
        try:
            for port in range(base, base + 4):
                check_port_free("127.0.0.1", port)
        except PortInUse:
            continue
        return base


def start_dev(data_dir: Path, log: Path) -> tuple[subprocess.Popen[bytes], int]:
    """The process and its base port (the router's)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CMP_")}
    for variable in ("DATABASE_URL", "LANGFLOW_URL", "SALEOR_API_URL"):  # the laptop setup
        env.pop(variable, None)
    env.update(CMP_DATA_DIR=str(data_dir), CMP_ENV="development")
    base = free_base_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "cmp.cli", "dev", "--port", str(base)],
        cwd=ROOT,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()
        try:
            if httpx.get(f"http://127.0.0.1:{base}/health", timeout=1).status_code == 200:
                return process, base
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    process.kill()
    raise AssertionError(f"cmp dev did not answer in time:\n{log.read_text()}")
