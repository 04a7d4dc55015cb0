"""The worker's liveness signal: `cmp worker --heartbeat-file` beats while its loop runs, and
`python -m cmp.heartbeat` (Kubernetes' exec probe) tells a fresh heartbeat from a stale one."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from cmp.heartbeat import BEAT_EVERY_SECONDS, age_seconds, beat


def probe(path: Path, max_age: float) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cmp.heartbeat", str(path), "--max-age", str(max_age)],
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_probe_passes_on_a_fresh_heartbeat_and_fails_on_a_stale_or_missing_one(
    tmp_path: Path,
) -> None:
    path = tmp_path / "worker"
    missing = probe(path, 30)
    assert missing.returncode == 1 and "no heartbeat" in missing.stderr
    path.touch()
    assert probe(path, 30).returncode == 0
    stale = time.time() - 31
    os.utime(path, (stale, stale))
    result = probe(path, 30)
    assert result.returncode == 1 and "limit 30s" in result.stderr
    assert age_seconds(path) is not None and age_seconds(path) >= 31  # type: ignore[operator]


async def test_beat_touches_until_stopped(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "worker"
    stop = asyncio.Event()
    task = asyncio.create_task(beat(path, stop, every=0.05))
    await asyncio.sleep(0.02)
    first = path.stat().st_mtime_ns
    await asyncio.sleep(0.2)
    assert path.stat().st_mtime_ns > first
    stop.set()
    await asyncio.wait_for(task, 1)
    after = path.stat().st_mtime_ns
    await asyncio.sleep(0.1)
    assert path.stat().st_mtime_ns == after


def test_a_real_worker_beats_and_stops_on_sigterm(tmp_path: Path, database_url: str) -> None:
    """`cmp worker` as the Deployment runs it: beating within one interval, the probe happy,
    and a prompt, clean exit on SIGTERM (well inside terminationGracePeriodSeconds)."""
    heartbeat = tmp_path / "heartbeat" / "worker"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "CMP_ENV": "production",
        "CMP_SERVICE_TOKEN": "heartbeat-test",
        "WORKER_CONCURRENCY": "1",
        "DATABASE_POOL_SIZE": "1",
    }
    cmp = Path(sys.executable).parent / "cmp"
    worker = subprocess.Popen(
        [str(cmp), "worker", "--heartbeat-file", str(heartbeat)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while not heartbeat.exists():
            assert worker.poll() is None, worker.stderr.read() if worker.stderr else ""
            assert time.monotonic() < deadline, "no heartbeat within 30 s"
            time.sleep(0.1)
        assert probe(heartbeat, 3 * BEAT_EVERY_SECONDS).returncode == 0
        first = heartbeat.stat().st_mtime
        time.sleep(BEAT_EVERY_SECONDS + 1)
        assert heartbeat.stat().st_mtime > first  # still beating
        stopped_at = time.monotonic()
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=20) == 0
        assert time.monotonic() - stopped_at < 10
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
