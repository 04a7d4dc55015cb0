"""`cmp compose --fetch saleor --saleor-url …`: the project's copy of Saleor's SDL refreshed from a
live Saleor's `{ _service { sdl } }` over HTTP, composed with ours — and nothing written when
the Saleor cannot be reached or its SDL does not compose."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from typer.testing import CliRunner

from cmp.cli import app
from cmp.serving import RunningServer, start_server
from composition.config import DEFAULT_CONFIG, DEFAULT_OUTPUT, SCHEMA_DIR
from tests.fakes.saleor import create_app
from tests.fakes.saleor.app import served_sdl
from tests.fakes.saleor.subset import FAKE_SDL

runner = CliRunner()


def _project_copy(tmp_path: Path) -> tuple[Path, Path]:
    for name in ("control-plane", "billing", "execution", "saleor"):
        shutil.copy(SCHEMA_DIR / f"{name}.graphql", tmp_path)
    shutil.copy(DEFAULT_CONFIG, tmp_path)
    return tmp_path / "supergraph.toml", tmp_path / "supergraph.graphql"


@pytest.fixture
async def saleor_answering() -> AsyncIterator[tuple[RunningServer, list[str]]]:
    """A Saleor whose `_service { sdl }` answer the test sets (`sdl[0]`)."""
    sdl = [(SCHEMA_DIR / "saleor.graphql").read_text()]

    async def graphql(request: Request) -> Response:
        body = await request.json()
        assert "_service" in body["query"]
        return JSONResponse({"data": {"_service": {"sdl": sdl[0]}}})

    server = await start_server(Starlette(routes=[Route("/graphql/", graphql, methods=["POST"])]))
    try:
        yield server, sdl
    finally:
        await server.stop()


def _compose(*arguments: str) -> tuple[int, str]:
    result = runner.invoke(app, ["compose", *arguments])
    return result.exit_code, result.output


async def test_fetch_refreshes_saleors_sdl_and_the_supergraph(
    tmp_path: Path, saleor_answering: tuple[RunningServer, list[str]]
) -> None:
    server, _sdl = saleor_answering
    config, output = _project_copy(tmp_path)
    (tmp_path / "saleor.graphql").write_text("type Query { stale: Int }\n")
    arguments = ["--config", str(config), "--output", str(output)]
    fetch = ["--fetch", "saleor", "--saleor-url", f"{server.url}/graphql/"]
    code, text = await asyncio.to_thread(_compose, *arguments, *fetch, "--check")
    assert code == 1 and "saleor.graphql" in text
    code, text = await asyncio.to_thread(_compose, *arguments, *fetch)
    assert code == 0, text
    # Saleor 3.22 answering its real SDL reproduces the committed files exactly.
    assert (tmp_path / "saleor.graphql").read_text() == (SCHEMA_DIR / "saleor.graphql").read_text()
    assert output.read_text() == DEFAULT_OUTPUT.read_text()
    code, text = await asyncio.to_thread(_compose, *arguments, *fetch, "--check")
    assert code == 0 and "current" in text


async def test_fetch_from_the_saleor_fake_over_http(tmp_path: Path) -> None:
    server = await start_server(create_app())
    try:
        config, output = _project_copy(tmp_path)
        code, text = await asyncio.to_thread(
            _compose,
            "--config",
            str(config),
            "--output",
            str(output),
            "--fetch",
            "saleor",
            "--saleor-url",
            f"{server.url}/graphql/",
        )
    finally:
        await server.stop()
    assert code == 0, text
    assert (tmp_path / "saleor.graphql").read_text() == served_sdl(FAKE_SDL.read_text())
    assert "checkoutComplete(" in output.read_text()


async def test_nothing_is_written_when_fetching_or_composing_fails(
    tmp_path: Path,
    saleor_answering: tuple[RunningServer, list[str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SALEOR_API_URL", raising=False)
    server, sdl = saleor_answering
    config, output = _project_copy(tmp_path)
    output.write_text("before\n")
    before = (tmp_path / "saleor.graphql").read_text()
    arguments = ["--config", str(config), "--output", str(output), "--fetch", "saleor"]
    cases = [
        (["--saleor-url", f"{server.url}/nope/"], "cannot fetch"),
        ([], "needs --saleor-url"),
        (["--saleor-url", "http://127.0.0.1:9/graphql/"], "cannot fetch"),
    ]
    for extra, message in cases:
        code, text = await asyncio.to_thread(_compose, *arguments, *extra)
        assert code == 2 and message in text, text
    sdl[0] = 'type Organization @key(fields: "id") { id: Int! }\ntype Query { x: Int }\n'
    code, text = await asyncio.to_thread(
        _compose, *arguments, "--saleor-url", f"{server.url}/graphql/"
    )
    assert code == 2 and "composition failed" in text
    assert (tmp_path / "saleor.graphql").read_text() == before
    assert output.read_text() == "before\n"
    code, text = await asyncio.to_thread(_compose, "--config", str(config), "--fetch", "nobody")
    assert code == 2 and "no such subgraph" in text
