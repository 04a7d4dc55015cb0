"""A liveness signal for processes without an HTTP port (the run worker): the event loop touches
a file every few seconds, and `python -m cmp.heartbeat FILE --max-age S` — Kubernetes' exec
probe — exits 1 once the file is older than that. A stuck loop stops touching it; a database
outage does not (restarting the worker would not bring the database back).

Only the standard library is imported here: the probe runs every few seconds in the container.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
import time
from pathlib import Path

BEAT_EVERY_SECONDS = 5.0


async def beat(path: Path, stop: asyncio.Event, every: float = BEAT_EVERY_SECONDS) -> None:
    """Touch `path` now and every `every` seconds until `stop` is set."""
    await asyncio.to_thread(path.parent.mkdir, parents=True, exist_ok=True)
    while not stop.is_set():
        await asyncio.to_thread(path.touch)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), every)


def age_seconds(path: Path, now: float | None = None) -> float | None:
    """Seconds since the last beat; None when there never was one."""
    try:
        modified = path.stat().st_mtime
    except FileNotFoundError:
        return None
    return (time.time() if now is None else now) - modified


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cmp.heartbeat", description=__doc__)
    parser.add_argument("file", type=Path)
    parser.add_argument("--max-age", type=float, required=True, help="seconds")
    args = parser.parse_args(argv)
    age = age_seconds(args.file)
    if age is None:
        print(f"no heartbeat at {args.file}", file=sys.stderr)
        return 1
    if age > args.max_age:
        print(f"last heartbeat {age:.0f}s ago (limit {args.max_age:.0f}s)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
