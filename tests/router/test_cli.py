"""`cmp plan` and `cmp router` as registered on the cmp CLI."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import httpx
from typer.testing import CliRunner

from cmp.cli import app
from cmp.serving import free_port
from tests.router.fixtures.compose import supergraph_path


def test_plan_prints_the_plan(tmp_path: Path) -> None:
    query = tmp_path / "q.graphql"
    query.write_text("{ topProducts { name inStock } }")
    result = CliRunner().invoke(app, ["plan", str(supergraph_path("shop")), str(query)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith('QueryPlan {\n  Sequence {\n    Fetch(service: "products")')
    assert 'Flatten(path: "topProducts.@")' in result.output
    assert 'Fetch(service: "inventory")' in result.output


def test_plan_rejects_an_invalid_operation(tmp_path: Path) -> None:
    query = tmp_path / "q.graphql"
    query.write_text("{ nope }")
    result = CliRunner().invoke(app, ["plan", str(supergraph_path("shop")), str(query)])
    assert result.exit_code == 1


async def test_router_command_serves_health() -> None:
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cmp.cli",
            "router",
            "--supergraph",
            str(supergraph_path("shop")),
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        async with httpx.AsyncClient() as client:
            for _ in range(100):
                try:
                    response = await client.get(f"http://127.0.0.1:{port}/health")
                    break
                except httpx.ConnectError:
                    await asyncio.sleep(0.1)
            else:
                raise AssertionError("router did not start")
        assert response.json()["status"] == "ok"
    finally:
        process.terminate()
        process.wait(timeout=10)
