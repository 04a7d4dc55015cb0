"""How long `cmp router` takes from process start to answering /health, on a small supergraph
(the shop fixture: four subgraphs), in development and production mode (one worker):

    .venv/bin/python -m bench.router_startup_small [--runs 7]

Prints the median and the fastest of the runs, and the CPU time the process used until ready
(steadier than wall time on a shared machine); the target is under 0.5 s."""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time

from bench.support import shop
from cmp.serving import free_port


def _healthy(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2) as connection:
            connection.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            return connection.recv(16).startswith(b"HTTP/1.1 200")
    except OSError:
        return False


def _cpu_seconds(pid: int) -> float:
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()  # noqa: SIM115
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def time_to_ready(environment: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process) until /health answers."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "cmp",
        "router",
        "--supergraph",
        str(shop.SUPERGRAPH),
        "--port",
        str(port),
        "--workers",
        "1",
    ]
    started = time.perf_counter()
    process = subprocess.Popen(  # noqa: S603 - fixed command
        command,
        env={**os.environ, "CMP_ENV": environment},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while not _healthy(port):
            if process.poll() is not None:
                raise SystemExit(f"cmp router exited with {process.returncode}")
            if time.perf_counter() - started > 30:
                raise SystemExit("cmp router was not ready within 30 s")
            time.sleep(0.005)
        return time.perf_counter() - started, _cpu_seconds(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    arguments = parser.parse_args()
    for environment in ("development", "production"):
        runs = [time_to_ready(environment) for _ in range(arguments.runs)]
        wall = [w for w, _ in runs]
        cpu = [c for _, c in runs]
        print(
            f"cmp router ready ({environment}): median {statistics.median(wall):.3f} s "
            f"(fastest {min(wall):.3f} s), CPU {statistics.median(cpu):.2f} s, "
            f"over {arguments.runs} runs"
        )


if __name__ == "__main__":
    main()
