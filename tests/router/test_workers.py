"""`cmp router --workers N`: several processes answer on one port, /metrics adds up all of
them, SIGTERM stops every worker, a killed worker is replaced; and the router's import path
stays free of what only other commands need."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from cmp.serving import free_port
from tests.router.fixtures.compose import supergraph_path
from tests.support.router_process import router_command


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def _wait(predicate: object, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(0.1)
    raise AssertionError("timed out waiting")


def _up(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.TransportError:
        return False


def test_workers_share_the_port_add_up_metrics_and_stop_together() -> None:
    port = free_port()
    process = subprocess.Popen(
        router_command(supergraph_path("shop"), port, "--workers", "2"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "CMP_ENV": "production"},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(lambda: _up(f"{base}/health") and len(_children(process.pid)) == 2)
        workers = _children(process.pid)
        with httpx.Client(timeout=10) as client:
            for _ in range(40):
                response = client.post(
                    f"{base}/graphql",
                    json={"query": "{ __typename }"},
                    headers={"connection": "close"},  # spread over the workers
                )
                assert response.json() == {"data": {"__typename": "Query"}}
            # Scrapes land on either worker: each must report every worker's requests.
            scrapes = [
                client.get(f"{base}/metrics", headers={"connection": "close"}).text
                for _ in range(6)
            ]
        totals = {
            float(line.rsplit(" ", 1)[1])
            for metrics in scrapes
            for line in metrics.splitlines()
            if line.startswith('router_http_requests_total{method="POST",status="200"}')
        }
        assert totals == {40.0}
        by_operation = {
            float(line.rsplit(" ", 1)[1])
            for metrics in scrapes
            for line in metrics.splitlines()
            if line.startswith('router_operation_duration_seconds_count{operation="(anonymous)"}')
        }
        assert by_operation == {40.0}

        # A worker that dies is replaced; the port keeps answering.
        victim = next(iter(workers))
        os.kill(victim, signal.SIGKILL)
        _wait(lambda: victim not in _children(process.pid) and len(_children(process.pid)) == 2)
        _wait(lambda: _up(f"{base}/health"))
        workers = _children(process.pid)
    finally:
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=30)
    assert code == 0
    assert all(not Path(f"/proc/{pid}").exists() for pid in workers)
    assert not _up(f"{base}/health")


def test_router_import_path_loads_no_subgraph_or_composition_code() -> None:
    probe = (
        "import sys\n"
        "import cmp.cli, cmp.commands.router, cmp.serving, router.http, router.http.settings\n"
        "import webhooks.saleor.settings\n"
        "heavy = ['strawberry', 'composition', 'httpx', 'jwt', 'aiohttp',"
        " 'kernel.auth.authenticate', 'kernel.auth.tokens', 'sqlalchemy',"
        # Tracing off (no OTEL_* exporter): nothing of OpenTelemetry on the router's path.
        " 'opentelemetry']\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith("OTEL_")}
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=environment
    ).stdout.strip()
    assert loaded == ""


def test_production_runs_one_worker_per_usable_core() -> None:
    cores = len(os.sched_getaffinity(0))
    for affinity, expected_workers in (({0}, 0), (None, cores if cores > 1 else 0)):
        port = free_port()
        process = subprocess.Popen(
            router_command(supergraph_path("shop"), port),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "CMP_ENV": "production"},
            preexec_fn=(lambda a=affinity: os.sched_setaffinity(0, a)) if affinity else None,
        )
        try:
            _wait(lambda p=port: _up(f"http://127.0.0.1:{p}/health"))
            _wait(lambda p=process, n=expected_workers: len(_children(p.pid)) == n, 10)
            assert len(_children(process.pid)) == expected_workers
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)


def test_a_bad_worker_count_is_refused_clearly() -> None:
    for value, message in (("abc", "whole number"), ("-1", "at least 1"), ("0", "ROUTER_WORKERS")):
        completed = subprocess.run(
            router_command(supergraph_path("shop"), free_port()),
            capture_output=True,
            text=True,
            env={**os.environ, "ROUTER_WORKERS": value},
            timeout=60,
        )
        assert completed.returncode == 2, completed.stderr
        assert "bad configuration" in completed.stderr and message in completed.stderr
        assert "Traceback" not in completed.stderr


def test_every_worker_reloads_a_changed_supergraph(tmp_path: Path) -> None:
    supergraph = tmp_path / "supergraph.graphql"
    supergraph.write_text(supergraph_path("shop").read_text())
    port = free_port()
    process = subprocess.Popen(
        router_command(supergraph, port, "--workers", "2"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/graphql"
    query = {"query": "{ media { id } }"}  # only in the abstract fixture's supergraph

    def answers() -> list[dict[str, object]]:
        with httpx.Client(timeout=10) as client:  # new connections: either worker may answer
            return [
                client.post(url, json=query, headers={"connection": "close"}).json()
                for _ in range(20)
            ]

    try:
        _wait(lambda: _up(f"http://127.0.0.1:{port}/health") and len(_children(process.pid)) == 2)
        # Refused while planning (no `data`) until the worker has the new schema; then executed
        # (the fixture's subgraph URLs lead nowhere, so `data` comes with fetch errors).
        assert all("data" not in answer for answer in answers())
        supergraph.write_text(supergraph_path("abstract").read_text())
        _wait(lambda: all("data" in answer for answer in answers()), 30)
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0


def test_serving_with_tracing_off_loads_no_opentelemetry() -> None:
    """Not only the imports: an app built and answering requests, with no OTEL_* exporter."""
    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from starlette.testclient import TestClient\n"
        "from router.http import create_app\n"
        "from router.pipeline import Router\n"
        f"router = Router.from_sdl(Path({str(supergraph_path('shop'))!r}).read_text())\n"
        "with TestClient(create_app(router)) as client:\n"
        "    answer = client.post('/graphql', json={'query': '{ __typename }'})\n"
        "    assert answer.json() == {'data': {'__typename': 'Query'}}, answer.text\n"
        "    assert client.get('/metrics').status_code == 200\n"
        "print(','.join(sorted(m for m in sys.modules if m.startswith('opentelemetry'))))\n"
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith("OTEL_")}
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=environment
    ).stdout.strip()
    assert loaded == ""
