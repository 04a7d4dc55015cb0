"""Instructions the router executes per request on The Guild's workload, counted by valgrind's
callgrind: `cmp router` (one process) runs under callgrind with counting off while it starts and
plans the 64 operations; counting is switched on for N requests sent one after another over one
keep-alive connection, then off. Unlike CPU time, the count hardly moves with other work on the
machine, so it is the figure to compare before and after a change:

    .venv/bin/python -m bench.guild.instructions [--requests 200] [--keep FILE]

User-space instructions only (the kernel's share of socket I/O is not counted); the subgraphs
are the benchmark's responder (bench.guild.responder), outside valgrind. `--keep` saves the
callgrind profile for `callgrind_annotate`."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import orjson

from bench.guild import operation
from bench.guild.run import compose_supergraph, processes, wait_for
from bench.guild.subgraphs import NAMES
from cmp.serving import free_port

_TOTALS = re.compile(rb"^totals:\s*(\d+)", re.MULTILINE)


def _request(port: int, body: dict[str, str]) -> bytes:
    payload = orjson.dumps(body)
    return (
        f"POST /graphql HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        "Content-Type: application/json\r\nAccept: application/json\r\n"
        f"Content-Length: {len(payload)}\r\n\r\n"
    ).encode() + payload


def _exchange(connection: socket.socket, request: bytes) -> None:
    """One request and its whole answer (Content-Length framing); fails on anything but 200."""
    connection.sendall(request)
    received = b""
    while b"\r\n\r\n" not in received:
        received += connection.recv(65536)
    head, _, body = received.partition(b"\r\n\r\n")
    if not head.startswith(b"HTTP/1.1 200"):
        raise SystemExit(f"the router answered {head.splitlines()[0]!r}")
    length = int(re.search(rb"(?i)content-length:\s*(\d+)", head).group(1))  # type: ignore[union-attr]
    while len(body) < length:
        body += connection.recv(65536)
    if b'"errors"' in body:
        raise SystemExit(f"the router answered errors: {body[:300]!r}")


def _control(pid: int, *arguments: str) -> None:
    subprocess.run(  # noqa: S603
        ["callgrind_control", *arguments, str(pid)],  # noqa: S607
        check=True,
        capture_output=True,
    )


def _instructions(directory: Path) -> int:
    """Instructions of every dump callgrind wrote (one per `callgrind_control -d`, and one at
    exit), added up."""
    total = 0
    for dump in directory.glob("callgrind.out*"):
        match = _TOTALS.search(dump.read_bytes())
        if match:
            total += int(match.group(1))
    return total


def measure(requests: int, keep: Path | None) -> None:
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed: apt-get install valgrind")
    ports = {name: free_port() for name in NAMES}
    router_port = free_port()
    env = {**os.environ, "CMP_ENV": "production"}
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        supergraph = folder / "supergraph.graphql"
        supergraph.write_text(compose_supergraph(ports))
        out = folder / "callgrind.out"
        valgrind = [
            "valgrind",
            "--tool=callgrind",
            "--instr-atstart=no",
            f"--callgrind-out-file={out}",
        ]
        router = [sys.executable, "-m", "cmp", "router", "--supergraph", str(supergraph)]
        router += ["--workers", "1", "--port", str(router_port)]
        commands = [
            (
                [sys.executable, "-m", "bench.guild.responder"]
                + [f"{n}={p}" for n, p in ports.items()],
                {**os.environ},
            ),
            ([*valgrind, *router], env),
        ]
        with processes(commands, None) as pids:
            wait_for(f"http://127.0.0.1:{ports['accounts']}/count")
            wait_for(f"http://127.0.0.1:{router_port}/health")
            prepared = [_request(router_port, body) for body in operation.bodies()]
            with socket.create_connection(("127.0.0.1", router_port)) as connection:
                for request in prepared * 2:  # every operation planned, every cache warm
                    _exchange(connection, request)
                _control(pids[1], "-i", "on")
                for index in range(requests):
                    _exchange(connection, prepared[index % len(prepared)])
                _control(pids[1], "-i", "off")
                _control(pids[1], "-d")
        count = _instructions(folder)  # the router has exited: every dump is written
        if keep is not None:
            dumps = sorted(folder.glob("callgrind.out*"))
            shutil.copy(max(dumps, key=lambda p: p.stat().st_size), keep)
    from router.executor import COMPILED  # as the router process imports it: same path

    print(
        f"router, The Guild's workload: {count / requests / 1e6:.2f} M instructions per request "
        f"({requests} requests, one connection; executor "
        f"{'compiled' if COMPILED else 'pure Python'}; load average {os.getloadavg()[0]:.1f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="copy the callgrind profile there")
    arguments = parser.parse_args()
    measure(arguments.requests, arguments.keep)


if __name__ == "__main__":
    main()
