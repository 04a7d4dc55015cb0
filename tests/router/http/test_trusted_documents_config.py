"""Trusted documents as operators configure them: ROUTER_TRUSTED_DOCUMENTS and
ROUTER_ALLOW_ARBITRARY_DOCUMENTS (enforced by default in production only), `cmp router
--trusted-documents`, a bad manifest refused at start, and manifests reloading with the
supergraph: a changed manifest is served, a broken one refused with the last good one kept."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from cmp.cli import app
from cmp.serving import free_port
from router.http.options import HttpOptions
from router.http.settings import RouterSettings
from router.pipeline.manifests import ManifestError
from tests.router.conftest import Stack
from tests.router.fixtures.compose import supergraph_path
from tests.router.http.support import served

ME = "query Me { me { name } }"
USERS = "{ users { name } }"


def manifest(path: Path, *documents: str) -> Path:
    entries = {f"sha256:{hashlib.sha256(d.encode()).hexdigest()}": d for d in documents}
    path.write_text(json.dumps(entries))
    return path


def test_settings_enforce_the_list_in_production_only(tmp_path: Path) -> None:
    env = {"ROUTER_TRUSTED_DOCUMENTS": f" {tmp_path}/a.json, {tmp_path}/b.json ,"}
    production = RouterSettings(**{**env, "CMP_ENV": "production"}).router_config()  # type: ignore[arg-type]
    development = RouterSettings(**env).router_config()  # type: ignore[arg-type]
    opened = RouterSettings(
        **{**env, "CMP_ENV": "production", "ROUTER_ALLOW_ARBITRARY_DOCUMENTS": "true"}  # type: ignore[arg-type]
    ).router_config()
    assert production.trusted_document_files == (tmp_path / "a.json", tmp_path / "b.json")
    assert production.allow_arbitrary_documents is False
    assert development.allow_arbitrary_documents is True
    assert opened.allow_arbitrary_documents is True
    assert RouterSettings().router_config().trusted_document_files == ()


def test_a_bad_manifest_stops_the_router_from_starting(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"sha256:00": 1}')
    result = CliRunner().invoke(
        app,
        ["router", "--supergraph", str(supergraph_path("shop")), "--trusted-documents", str(bad)],
        env={"ROUTER_CACHE_DIR": "off"},
    )
    assert result.exit_code == 2
    assert f"cannot load the trusted documents: {bad}:" in result.output


async def test_the_router_command_enforces_a_manifest_in_production(tmp_path: Path) -> None:
    port = free_port()
    listed = manifest(tmp_path / "persisted-documents.json", ME)
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
            "--trusted-documents",
            str(listed),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "CMP_ENV": "production", "ROUTER_CACHE_DIR": "off"},
    )
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            for _ in range(100):
                try:
                    await client.get("/health")
                    break
                except httpx.ConnectError:
                    await asyncio.sleep(0.1)
            unlisted = await client.post("/graphql", json={"query": USERS})
            # Listed: admitted, then planned and fetched (no subgraph runs here: a fetch error).
            by_id = await client.post(
                "/graphql",
                json={"documentId": f"sha256:{hashlib.sha256(ME.encode()).hexdigest()}"},
            )
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert unlisted.status_code == 403
    assert unlisted.json()["errors"][0]["extensions"]["code"] == "QUERY_NOT_IN_SAFELIST"
    assert by_id.status_code == 200
    assert by_id.json()["data"] == {"me": None}


def test_a_router_is_not_built_on_a_bad_manifest(shop_stack: Stack, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[]")
    with pytest.raises(ManifestError):
        shop_stack.router_with(trusted_document_files=(bad,))


async def _status_until(
    client: httpx.AsyncClient, query: str, status: int, seconds: float = 5.0
) -> None:
    deadline = asyncio.get_running_loop().time() + seconds
    while asyncio.get_running_loop().time() < deadline:
        if (await client.post("/graphql", json={"query": query})).status_code == status:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"{query} did not answer {status} within {seconds}s")


async def test_manifests_reload_with_the_supergraph(
    shop_stack: Stack, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    supergraph = tmp_path / "supergraph.graphql"
    original = supergraph_path("shop").read_text()
    supergraph.write_text(original)
    listed = manifest(tmp_path / "persisted-documents.json", ME)
    options = HttpOptions(supergraph_file=supergraph, reload_seconds=0.05)
    caplog.set_level(logging.INFO, logger="router.reload")
    async with served(shop_stack, options, trusted_document_files=(listed,)) as client:
        assert (await client.post("/graphql", json={"query": USERS})).status_code == 403
        manifest(listed, ME, USERS)
        await _status_until(client, USERS, 200)

        # A broken manifest is refused whole: the last good list keeps serving.
        listed.write_text('{"sha256:broken": ')
        await asyncio.sleep(0.3)
        assert any("trusted documents reload failed" in r.getMessage() for r in caplog.records)
        assert (await client.post("/graphql", json={"query": USERS})).status_code == 200
        assert (await client.post("/graphql", json={"query": ME})).status_code == 200

        # A new supergraph keeps the documents it had.
        supergraph.write_text(original + "\n")
        await asyncio.sleep(0.3)
        assert any("supergraph reloaded" in r.getMessage() for r in caplog.records)
        assert (await client.post("/graphql", json={"query": USERS})).status_code == 200
        assert (await client.post("/graphql", json={"query": "{ me { id } }"})).status_code == 403

        # Fixed again, with USERS removed: refused from then on.
        manifest(listed, ME)
        await _status_until(client, USERS, 403)
        metrics = (await client.get("/metrics")).text
    assert any("trusted documents reloaded: 1 documents" in r.getMessage() for r in caplog.records)
    # The refusal counter carried over the reloads.
    refused = [
        line for line in metrics.splitlines() if line.startswith("router_trusted_documents_total")
    ]
    assert any('outcome="refused"' in line and not line.endswith(" 0.0") for line in refused)
