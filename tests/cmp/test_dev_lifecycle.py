"""`cmp dev` with its embedded PostgreSQL, as a process: SIGTERM and SIGINT stop PostgreSQL
too, and after a run that was killed (its PostgreSQL left running) the next run takes the server
over and stops it when it ends."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.dev_process import dev_data_dir, start_dev

pytestmark = pytest.mark.slow


def postgres_pid(data_dir: Path) -> int:
    return int((data_dir / "pgdata" / "postmaster.pid").read_text().splitlines()[0])


def running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is not running either (not ours to reap: PostgreSQL's parent is pg_ctl's).
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(") ")[-1].startswith("Z"))


def gone_within(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while running(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    return not running(pid)


@pytest.fixture
def data_dir() -> Iterator[Path]:
    with dev_data_dir() as folder:
        yield folder
        pid_file = folder / "pgdata" / "postmaster.pid"
        if pid_file.exists() and running(pid := postgres_pid(folder)):
            os.kill(pid, signal.SIGQUIT)  # a failed test must not leave a server behind
            gone_within(pid, 15)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_stops_postgres_too(data_dir: Path, tmp_path: Path, stop: int) -> None:
    log = tmp_path / "dev.log"
    dev, _ = start_dev(data_dir, log)
    postgres = postgres_pid(data_dir)
    assert running(postgres)
    dev.send_signal(stop)
    dev.wait(timeout=60)
    assert gone_within(postgres, 15), log.read_text()
    assert "embedded PostgreSQL: stopped" in log.read_text()
    assert "Traceback" not in log.read_text()


def test_after_a_crash_the_next_run_stops_the_leftover_server(
    data_dir: Path, tmp_path: Path
) -> None:
    log = tmp_path / "dev.log"
    crashed, _ = start_dev(data_dir, log)
    leftover = postgres_pid(data_dir)
    crashed.kill()  # SIGKILL: no clean-up at all
    crashed.wait(timeout=30)
    assert running(leftover)  # what a crash leaves behind

    dev, _ = start_dev(data_dir, log)
    assert "taking over from a run that did not stop cleanly" in log.read_text()
    assert postgres_pid(data_dir) == leftover  # adopted, not a second server on the same data
    dev.send_signal(signal.SIGTERM)
    dev.wait(timeout=60)
    assert gone_within(leftover, 15), log.read_text()
