"""De-duplication of identical in-flight subgraph fetches, measured: our router with
ROUTER_DEDUPLICATE_FETCHES off and on, under identical requests (one operation, one
credential) from 50 connections on The Guild's workload. Prints requests/s, the router's CPU
per request and the subgraph fetches actually sent per client request:

    .venv/bin/python -m bench.guild.dedup [--seconds 10] [--connections 50]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import httpx
import orjson

from bench.guild import operation
from bench.guild.load import run_wrk, tree_cpu_seconds, write_script
from bench.guild.run import (
    GATEWAY_CORE,
    LOAD_CORE,
    compose_supergraph,
    pinned,
    processes,
    wait_for,
)
from bench.guild.subgraphs import NAMES
from cmp.serving import free_port


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--connections", type=int, default=50)
    arguments = parser.parse_args()
    ports = {name: free_port() for name in NAMES}
    routers = {"off": free_port(), "on": free_port()}
    with tempfile.TemporaryDirectory() as directory:
        supergraph = Path(directory) / "supergraph.graphql"
        supergraph.write_text(compose_supergraph(ports))
        responder = [sys.executable, "-m", "bench.guild.responder"]
        commands: list[tuple[list[str], dict[str, str]]] = [
            (pinned(LOAD_CORE, [*responder, *(f"{n}={p}" for n, p in ports.items())]), {})
        ]
        for setting, port in routers.items():
            command = [sys.executable, "-m", "cmp", "router", "--supergraph"]
            command += [str(supergraph), "--port", str(port), "--workers", "1"]
            env = {"CMP_ENV": "production", "ROUTER_DEDUPLICATE_FETCHES": str(setting == "on")}
            commands.append((pinned(GATEWAY_CORE, command), env))
        commands = [(c, {**os.environ, **env}) for c, env in commands]
        with processes(commands, None) as pids:
            count_url = f"http://127.0.0.1:{ports['accounts']}/count"
            wait_for(count_url)
            body = operation.bodies()[0]
            print(
                f"identical requests ({body['operationName']}), {arguments.connections} connections"
            )
            for (setting, port), pid in zip(routers.items(), pids[1:], strict=True):
                url = f"http://127.0.0.1:{port}/graphql"
                wait_for(f"http://127.0.0.1:{port}/health")
                httpx.post(url, json=body, timeout=120)  # planned, answers computed
                script = write_script(Path(directory), url, [orjson.dumps(body).decode()])
                run_wrk(url, script, 3, arguments.connections, LOAD_CORE)  # warm up
                fetched = int(httpx.get(count_url).text)
                cpu = tree_cpu_seconds(pid)
                result = run_wrk(url, script, arguments.seconds, arguments.connections, LOAD_CORE)
                cpu = tree_cpu_seconds(pid) - cpu
                fetched = int(httpx.get(count_url).text) - fetched
                print(
                    f"  de-duplication {setting:<4} {result.rate:7.0f} req/s  "
                    f"p50 {result.p50_ms:6.1f} ms  p99 {result.p99_ms:6.1f} ms  "
                    f"CPU {cpu * 1000 / max(1, result.requests):5.2f} ms/req  "
                    f"subgraph fetches per request {fetched / max(1, result.requests):5.2f}  "
                    f"failed {result.failed}"
                )


if __name__ == "__main__":
    main()
