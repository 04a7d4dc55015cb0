"""`cmp plan` and `cmp router` as registered on the cmp CLI."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import httpx
from typer.testing import CliRunner

from cmp.cli import app
from cmp.serving import free_port
from tests.router.fixtures.compose import supergraph_path
from tests.support.chunked import stream_chunked
from tests.support.router_process import router_command, wait_for_health


def test_plan_prints_the_plan(tmp_path: Path) -> None:
    query = tmp_path / "q.graphql"
    query.write_text("{ topProducts { name inStock } }")
    result = CliRunner().invoke(app, ["plan", str(supergraph_path("shop")), str(query)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith('QueryPlan {\n  Sequence {\n    Fetch(service: "products")')
    assert 'Flatten(path: "topProducts.@")' in result.output
    assert 'Fetch(service: "inventory")' in result.output


def test_plan_prints_the_json_form(tmp_path: Path) -> None:
    query = tmp_path / "q.graphql"
    query.write_text("{ topProducts { name inStock } }")
    result = CliRunner().invoke(app, ["plan", str(supergraph_path("shop")), str(query), "--json"])
    assert result.exit_code == 0, result.output
    plan = json.loads(result.output)
    assert plan["kind"] == "QueryPlan" and plan["node"]["kind"] == "Sequence"
    assert [n["kind"] for n in plan["node"]["nodes"]] == ["Fetch", "Flatten"]


def test_plan_rejects_an_invalid_operation(tmp_path: Path) -> None:
    query = tmp_path / "q.graphql"
    query.write_text("{ nope }")
    result = CliRunner().invoke(app, ["plan", str(supergraph_path("shop")), str(query)])
    assert result.exit_code == 1


async def test_router_command_serves_health() -> None:
    port = free_port()
    process = subprocess.Popen(
        router_command(supergraph_path("shop"), port),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        response = await wait_for_health(port)
        assert response.json()["status"] == "ok"
    finally:
        process.terminate()
        process.wait(timeout=10)


async def test_router_command_serves_graphql_with_flags(tmp_path: Path) -> None:
    """Flags and environment reach the router: subgraph URLs (unreachable here: the client
    gets a code and the subgraph's name, the log the configured address), the CORS origin, JSON
    logs."""
    port, nowhere = free_port(), free_port()
    process = subprocess.Popen(
        router_command(
            supergraph_path("shop"),
            port,
            "--subgraph-url",
            f"accounts=http://127.0.0.1:{nowhere}/graphql",
            "--timeout",
            "2",
            "--cors-origin",
            "https://shop.example.com",
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "CMP_ENV": "development"},
    )
    try:
        await wait_for_health(port)
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            response = await client.post(
                "/graphql",
                json={"query": "{ me { name } }"},
                headers={"origin": "https://shop.example.com"},
            )
        assert response.status_code == 200
        assert response.headers["access-control-allow-origin"] == "https://shop.example.com"
        (error,) = response.json()["errors"]
        assert error["extensions"]["code"] == "SUBREQUEST_HTTP_ERROR"
        assert error["extensions"]["service"] == "accounts"
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=10)
    lines = [json.loads(line) for line in stderr.decode().splitlines() if line.startswith("{")]
    assert any(line.get("message") == "graphql request" and line["status"] == 200 for line in lines)
    assert str(nowhere) not in response.text
    (failure,) = [line for line in lines if line.get("logger") == "router.fetch"]
    assert str(nowhere) in failure["message"]
    assert failure["request_id"] == response.headers["x-request-id"]


SUPERGRAPH_FILE = Path(__file__).resolve().parents[2] / "schema" / "supergraph.graphql"


def peak_rss_bytes(pid: int) -> int:
    """The process's peak resident set (VmHWM), from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM")


async def test_huge_chunked_bodies_do_not_grow_the_router_process(database_url: str) -> None:
    """`cmp router` with the Saleor webhook mounted: 200 MB sent without Content-Length to
    /webhooks/saleor and to /graphql. Each is cut off at its limit and the process's peak
    memory does not follow the body (a 300 MB delivery used to peak at 715 MB)."""
    port = free_port()
    process = subprocess.Popen(
        router_command(SUPERGRAPH_FILE, port, "--no-reload"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "CMP_ENV": "development", "DATABASE_URL": database_url},
    )
    try:
        await wait_for_health(port, attempts=300)
        before = peak_rss_bytes(process.pid)
        for path in ("/webhooks/saleor", "/graphql"):
            streamed = await stream_chunked(
                "127.0.0.1", port, path, {"Content-Type": "application/json"}, 200 * 2**20
            )
            assert streamed.refused and not streamed.stalled, path
            assert streamed.sent < 32 * 2**20, path
        assert peak_rss_bytes(process.pid) - before < 64 * 2**20
    finally:
        process.terminate()
        process.wait(timeout=10)
