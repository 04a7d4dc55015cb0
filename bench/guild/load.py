"""wrk as the load generator: a Lua script sending the 64 operations in turn over keep-alive
connections and printing one JSON line of results; and CPU time of a process tree from /proc."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

_SCRIPT = """
local bodies = {%(bodies)s}
local requests = {}
local sent = 0
init = function(args)
  for index, body in ipairs(bodies) do
    requests[index] = wrk.format("POST", "%(path)s",
      {["Content-Type"] = "application/json", ["Accept"] = "application/json"}, body)
  end
end
request = function()
  sent = sent + 1
  return requests[(sent %% #requests) + 1]
end
done = function(summary, latency, _)
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests": %%d, "microseconds": %%d, "bytes": %%d, "failed": %%d, '
    .. '"p50": %%d, "p99": %%d}\\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
"""


@dataclass
class WrkResult:
    requests: int
    seconds: float
    failed: int
    p50_ms: float
    p99_ms: float
    bytes: int

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def write_script(directory: Path, url: str, bodies: list[str]) -> Path:
    """A script for one URL (its path is in the requests), named after its port."""
    lua_strings = ", ".join(_lua_string(body) for body in bodies)
    path = directory / f"guild-{urlsplit(url).port}.lua"
    path.write_text(_SCRIPT % {"bodies": lua_strings, "path": urlsplit(url).path or "/"})
    return path


def _lua_string(text: str) -> str:
    # A long bracket string needs no escaping as long as the text has no "]==]".
    assert "]==]" not in text
    return f"[==[{text}]==]"


def run_wrk(
    url: str, script: Path, seconds: float, connections: int, core: int | None
) -> WrkResult:
    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("wrk is not installed: apt-get install wrk")
    command = [
        wrk,
        "-t1",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        "30s",
        "-s",
        str(script),
        url,
    ]
    if core is not None:
        command = ["taskset", "-c", str(core), *command]
    completed = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
    for line in completed.stdout.splitlines():
        if line.startswith("WRK_RESULT "):
            raw = json.loads(line.removeprefix("WRK_RESULT "))
            return WrkResult(
                requests=raw["requests"],
                seconds=raw["microseconds"] / 1e6,
                failed=raw["failed"],
                p50_ms=raw["p50"] / 1000,
                p99_ms=raw["p99"] / 1000,
                bytes=raw["bytes"],
            )
    raise RuntimeError(f"wrk printed no result:\n{completed.stdout}\n{completed.stderr}")


_TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()  # fields from the 3rd (state) on


def tree_cpu_seconds(root: int) -> float:
    """User + system CPU of a process and every live descendant (a router's workers)."""
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        fields = _stat(int(entry))
        if fields is None:
            continue
        parents[int(entry)] = int(fields[1])
        times[int(entry)] = (int(fields[11]) + int(fields[12])) / _TICKS
    total = 0.0
    for pid, cpu in times.items():
        ancestor: int | None = pid
        while ancestor is not None and ancestor != root:
            ancestor = parents.get(ancestor)
        if ancestor == root:
            total += cpu
    return total
