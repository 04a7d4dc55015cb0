"""Our router against @apollo/gateway on The Guild's federation workload, in one run, side by
side:

    .venv/bin/python -m bench.guild [--seconds 20] [--connections 50] [--workers 1]

Layout on this 2-core machine: each gateway alone on core 0 (taskset; one is loaded at a time),
the subgraphs (bench.guild.responder, one process) and the load generator (wrk) on core 1. Both
gateways get the same supergraph (composed here by Apollo's composition), the same subgraphs and
the same requests: The Guild's nested query under 64 operation names in turn. Before measuring it
checks both answer the same data without errors, and counts the subgraph fetches and response
bytes of one request.

Printed per gateway: requests/s, p50/p99 at `--connections` (two rounds in opposite orders), and
CPU milliseconds the gateway's processes spent per request, under that load and at one
connection — CPU per request is the steadier figure on a machine shared with other work."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import orjson

from bench.guild import operation
from bench.guild.load import WrkResult, run_wrk, tree_cpu_seconds, write_script
from bench.guild.subgraphs import NAMES, build
from bench.peer_gateway import machine
from bench.support.apollo import APOLLO_TOOLS, ensure_node_modules, run_node_tool
from bench.support.router_process import router_command
from cmp.serving import free_port

GATEWAY_CORE = 0
LOAD_CORE = 1


@dataclass
class Measured:
    label: str
    pid: int
    url: str
    rounds: list[WrkResult] = field(default_factory=list)
    cpu_under_load: float = 0.0  # seconds, over the rounds
    single: WrkResult | None = None
    cpu_single: float = 0.0
    responder_executed: int = 0  # subgraph answers computed (not replayed) while measured

    @property
    def requests(self) -> int:
        return sum(r.requests for r in self.rounds)

    @property
    def rate(self) -> float:
        seconds = sum(r.seconds for r in self.rounds)
        return self.requests / seconds if seconds else 0.0

    @property
    def p50(self) -> float:  # request-weighted over the rounds
        return sum(r.p50_ms * r.requests for r in self.rounds) / max(1, self.requests)

    @property
    def p99(self) -> float:  # the worse round's
        return max((r.p99_ms for r in self.rounds), default=0.0)

    @property
    def failed(self) -> int:
        return sum(r.failed for r in self.rounds) + (self.single.failed if self.single else 0)

    def cpu_ms(self, single: bool) -> float:
        if single:
            count = self.single.requests if self.single else 0
            return self.cpu_single * 1000 / max(1, count)
        return self.cpu_under_load * 1000 / max(1, self.requests)


def compose_supergraph(ports: dict[str, int]) -> str:
    payload = {
        "subgraphs": [
            {
                "name": s.name,
                "url": f"http://127.0.0.1:{ports[s.name]}/graphql",
                "sdl": s.federation_sdl,
            }
            for s in build()
        ]
    }
    result = run_node_tool("compose.mjs", payload)
    if "errors" in result:
        raise SystemExit(f"composition failed: {result['errors']}")
    supergraph = result["supergraph"]
    assert isinstance(supergraph, str)
    return supergraph


def pinned(core: int, command: list[str]) -> list[str]:
    return ["taskset", "-c", str(core), *command]


def wait_for(url: str) -> None:
    with httpx.Client() as client:
        for _ in range(600):
            try:
                client.get(url)
                return
            except httpx.TransportError:
                time.sleep(0.1)
    raise SystemExit(f"{url} did not come up")


def _check(targets: list[Measured], count_url: str) -> tuple[int, int]:
    """Same data from both, no errors; (subgraph fetches, response bytes) of one request."""
    body = operation.bodies()[0]
    answers: list[Any] = []
    fetches: list[int] = []
    sizes: list[int] = []
    with httpx.Client(timeout=60) as client:
        for target in targets:
            before = int(client.get(count_url).text)
            response = client.post(target.url, json=body)
            fetches.append(int(client.get(count_url).text) - before)
            answer = response.json()
            if response.status_code != 200 or "errors" in answer or not answer.get("data"):
                raise SystemExit(f"{target.label} failed: {response.status_code} {answer}")
            answers.append(answer["data"])
            sizes.append(len(orjson.dumps(answer)))
    if answers[0] != answers[-1]:
        raise SystemExit("the gateways answered different data")
    if len(set(fetches)) != 1:
        labels = [t.label for t in targets]
        print(f"note: subgraph fetches differ: {dict(zip(labels, fetches, strict=True))}")
    return fetches[0], sizes[0]


def _plan_every_operation(targets: list[Measured]) -> None:
    """Each of the 64 operations once, in turn: every gateway plans them all and the subgraph
    responder has computed each answer before anything is timed."""
    with httpx.Client(timeout=120) as client:
        for target in targets:
            for body in operation.bodies():
                response = client.post(target.url, json=body)
                if response.status_code != 200 or "errors" in response.json():
                    raise SystemExit(f"{target.label} failed: {response.text[:500]}")


def _executed(count_url: str) -> int:
    return int(httpx.get(count_url.replace("/count", "/executed")).text)


def _measure(
    target: Measured, script: Path, seconds: float, connections: int, count_url: str
) -> WrkResult:
    before, executed = tree_cpu_seconds(target.pid), _executed(count_url)
    result = run_wrk(target.url, script, seconds, connections, LOAD_CORE)
    target.cpu_under_load += tree_cpu_seconds(target.pid) - before
    # Every subgraph answer should come from the responder's memory by now: otherwise the
    # subgraphs, not the gateway, would be what is measured.
    target.responder_executed += _executed(count_url) - executed
    target.rounds.append(result)
    return result


def _single(target: Measured, script: Path, seconds: float) -> None:
    before = tree_cpu_seconds(target.pid)
    target.single = run_wrk(target.url, script, seconds, 1, LOAD_CORE)
    target.cpu_single = tree_cpu_seconds(target.pid) - before


def _report(targets: list[Measured], connections: int) -> None:
    header = (
        f"{'':<18}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'CPU ms/req':>12}{'CPU ms/req @1 conn':>20}{'failed':>8}"
    )
    print(f"\n{connections} connections (CPU per request: the gateway's processes)")
    print(header)
    for t in targets:
        print(
            f"{t.label:<18}{t.rate:>8.0f}{t.p50:>9.1f}{t.p99:>9.1f}"
            f"{t.cpu_ms(False):>12.2f}{t.cpu_ms(True):>20.2f}{t.failed:>8}"
        )
    ours, theirs = targets
    print(
        f"ratio ours/apollo: throughput {ours.rate / max(theirs.rate, 1e-9):.2f}x, "
        f"CPU per request {theirs.cpu_ms(False) / max(ours.cpu_ms(False), 1e-9):.2f}x less "
        f"(at 1 connection {theirs.cpu_ms(True) / max(ours.cpu_ms(True), 1e-9):.2f}x less)"
    )


@contextmanager
def processes(
    commands: list[tuple[list[str], dict[str, str]]], log_dir: Path | None
) -> Iterator[list[int]]:
    started = []
    for index, (command, env) in enumerate(commands):
        log = (log_dir / f"process-{index}.log").open("wb") if log_dir else subprocess.DEVNULL
        started.append(
            subprocess.Popen(command, env=env, stdout=log, stderr=log)  # noqa: S603
        )
    try:
        yield [p.pid for p in started]
    finally:
        for process in started:
            process.terminate()
        for process in started:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="load per gateway")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--single-seconds", type=float, default=10.0, help="1-connection run")
    parser.add_argument("--workers", type=int, default=1, help="our router's processes")
    parser.add_argument("--only-ours", action="store_true", help="skip @apollo/gateway")
    parser.add_argument("--log-dir", type=Path, help="keep each process's output there")
    arguments = parser.parse_args()
    for tool in ("node", "wrk", "taskset"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is not installed (wrk: apt-get install wrk)")
    ensure_node_modules()
    ports = {name: free_port() for name in NAMES}
    ours_port, theirs_port = free_port(), free_port()
    env = {**os.environ, "CMP_ENV": "production"}
    with tempfile.TemporaryDirectory() as directory:
        supergraph = Path(directory) / "supergraph.graphql"
        supergraph.write_text(compose_supergraph(ports))
        commands: list[tuple[list[str], dict[str, str]]] = [
            (
                pinned(
                    LOAD_CORE,
                    [
                        sys.executable,
                        "-m",
                        "bench.guild.responder",
                        *(f"{n}={p}" for n, p in ports.items()),
                    ],
                ),
                env,
            ),
            (
                pinned(
                    GATEWAY_CORE,
                    router_command(supergraph, ours_port, "--workers", str(arguments.workers)),
                ),
                env,
            ),
        ]
        if not arguments.only_ours:
            commands.append(
                (
                    pinned(
                        GATEWAY_CORE,
                        [
                            shutil.which("node") or "node",
                            str(APOLLO_TOOLS / "gateway.mjs"),
                            "--supergraph",
                            str(supergraph),
                            "--port",
                            str(theirs_port),
                        ],
                    ),
                    {**env, "NODE_ENV": "production"},
                )
            )
        with processes(commands, arguments.log_dir) as pids:
            targets = [Measured("our router", pids[1], f"http://127.0.0.1:{ours_port}/graphql")]
            if not arguments.only_ours:
                targets.append(
                    Measured("@apollo/gateway", pids[2], f"http://127.0.0.1:{theirs_port}/")
                )
            count_url = f"http://127.0.0.1:{ports['accounts']}/count"
            wait_for(count_url)
            wait_for(f"http://127.0.0.1:{ours_port}/health")
            if not arguments.only_ours:
                wait_for(targets[1].url)
            fetches, size = _check(targets, count_url)
            bodies = [orjson.dumps(b).decode() for b in operation.bodies()]
            print(
                f"machine: {machine()}; {date.today().isoformat()}; load average "
                f"{os.getloadavg()[0]:.1f} (other work on the machine makes wall-clock figures "
                "noisy; CPU per request is steadier)"
            )
            print(
                f"workload: The Guild's federation query, {operation.NAMES} operation names; "
                f"{fetches} subgraph fetches and {size / 1000:.1f} kB of JSON per request; "
                f"gateways pinned to core {GATEWAY_CORE}, subgraphs and wrk to core {LOAD_CORE}"
            )
            scripts = {t.label: write_script(Path(directory), t.url, bodies) for t in targets}
            _plan_every_operation(targets)
            for t in targets:  # warm up: pools filled, JIT warm
                run_wrk(t.url, scripts[t.label], 3, arguments.connections, LOAD_CORE)
            half = arguments.seconds / 2
            for order in (targets, list(reversed(targets))):
                for t in order:
                    r = _measure(t, scripts[t.label], half, arguments.connections, count_url)
                    print(
                        f"  {t.label:<16} {r.rate:7.0f} req/s  p50 {r.p50_ms:6.1f} ms  "
                        f"p99 {r.p99_ms:6.1f} ms",
                        flush=True,
                    )
                    time.sleep(0.5)
            for t in targets:
                _single(t, scripts[t.label], arguments.single_seconds)
            print(f"load average after: {os.getloadavg()[0]:.1f}")
            for t in targets:
                if t.responder_executed:
                    print(
                        f"note: {t.responder_executed} subgraph answers computed during {t.label}"
                    )
            if len(targets) == 2:
                _report(targets, arguments.connections)
            else:
                _report_one(targets[0], arguments.connections)


def _report_one(target: Measured, connections: int) -> None:
    print(
        f"\nour router, {connections} connections: {target.rate:.0f} req/s, "
        f"p50 {target.p50:.1f} ms, p99 {target.p99:.1f} ms, CPU {target.cpu_ms(False):.2f} ms/req; "
        f"1 connection: CPU {target.cpu_ms(True):.2f} ms/req; failed {target.failed}"
    )


if __name__ == "__main__":
    main()
