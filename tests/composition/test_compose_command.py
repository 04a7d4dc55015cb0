"""`cmp compose [--check]`, the subgraph list, SDL sources, and the committed supergraph."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cmp.cli import app
from cmp.serving import start_server
from composition import SubgraphInput, compose
from composition.config import (
    DEFAULT_CONFIG,
    DEFAULT_OUTPUT,
    SCHEMA_DIR,
    ConfigError,
    load_config,
)
from composition.project import compose_project, supergraph_is_current
from composition.sources import SourceError, fetch_sdl, load_inputs
from tests.fakes.saleor import create_app
from tests.fakes.saleor.app import served_sdl
from tests.fakes.saleor.subset import FAKE_SDL

runner = CliRunner()


def test_committed_supergraph_is_current() -> None:
    assert supergraph_is_current(), "run `cmp compose` and commit schema/supergraph.graphql"


def test_check_passes_on_the_committed_supergraph() -> None:
    result = runner.invoke(app, ["compose", "--check"])
    assert result.exit_code == 0, result.output
    assert "current" in result.output


def test_check_fails_when_stale_and_compose_fixes_it(tmp_path: Path) -> None:
    output = tmp_path / "supergraph.graphql"
    output.write_text(DEFAULT_OUTPUT.read_text().replace("CONTROL_PLANE", "CP", 1))
    stale = runner.invoke(app, ["compose", "--check", "--output", str(output)])
    assert stale.exit_code == 1
    assert "stale" in stale.output
    assert runner.invoke(app, ["compose", "--output", str(output)]).exit_code == 0
    assert output.read_text() == DEFAULT_OUTPUT.read_text()


def test_composition_errors_are_reported(tmp_path: Path) -> None:
    (tmp_path / "a.graphql").write_text("type Query { a: Int } type T { x: Int }")
    (tmp_path / "b.graphql").write_text("type Query { b: Int } type T { x: String }")
    config = tmp_path / "supergraph.toml"
    config.write_text(
        '[[subgraphs]]\nname = "a"\nrouting_url = "http://a"\nfile = "a.graphql"\n'
        '[[subgraphs]]\nname = "b"\nrouting_url = "http://b"\nfile = "b.graphql"\n'
    )
    result = runner.invoke(
        app, ["compose", "--config", str(config), "--output", str(tmp_path / "out.graphql")]
    )
    assert result.exit_code == 2
    assert 'FIELD_TYPE_MISMATCH] Type of field "T.x" is incompatible' in result.output
    assert not (tmp_path / "out.graphql").exists()


def test_project_config_lists_our_subgraphs() -> None:
    configs = load_config()
    assert [(c.name, c.routing_url) for c in configs] == [
        ("control-plane", "http://127.0.0.1:4001/graphql"),
        ("billing", "http://127.0.0.1:4002/graphql"),
        ("execution", "http://127.0.0.1:4003/graphql"),
        ("saleor", "http://127.0.0.1:8000/graphql/"),
    ]
    assert all(c.file is not None and c.file.parent == SCHEMA_DIR for c in configs)
    assert DEFAULT_CONFIG.parent == SCHEMA_DIR


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", r"at least one \[\[subgraphs\]\]"),
        ('[[subgraphs]]\nname = "a"\n', "`name` and `routing_url` are required"),
        ('[[subgraphs]]\nname = "a"\nrouting_url = "x"\n', "exactly one of `file` or `url`"),
        (
            '[[subgraphs]]\nname = "a"\nrouting_url = "x"\nurl = "y"\n'
            '[[subgraphs]]\nname = "a"\nrouting_url = "x"\nurl = "y"\n',
            "must be unique",
        ),
    ],
)
def test_config_errors(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "supergraph.toml"
    path.write_text(body)
    with pytest.raises(ConfigError, match=message):
        load_config(path)


async def test_live_sdl_source_over_http(tmp_path: Path) -> None:
    """A `url` source queries `_service { sdl }`; the result composes like a file does."""
    server = await start_server(create_app())
    try:
        for name in ("control-plane", "billing", "execution"):
            shutil.copy(SCHEMA_DIR / f"{name}.graphql", tmp_path)
        config = tmp_path / "supergraph.toml"
        config.write_text(
            DEFAULT_CONFIG.read_text().replace(
                'file = "saleor.graphql"', f'url = "{server.url}/graphql/"'
            )
        )
        inputs = await asyncio.to_thread(load_inputs, load_config(config))
        # The fake answers its own SDL: a subset of Saleor's, cut from schema/saleor.graphql.
        assert next(i for i in inputs if i.name == "saleor").sdl == served_sdl(FAKE_SDL.read_text())
        supergraph = await asyncio.to_thread(compose_project, config)
        assert "join__Graph" in supergraph and "checkoutComplete(" in supergraph
        with pytest.raises(SourceError, match="cannot fetch"):
            await asyncio.to_thread(fetch_sdl, f"{server.url}/nope/")
    finally:
        await server.stop()


def test_subgraph_order_does_not_matter() -> None:
    inputs = [
        SubgraphInput(c.name, c.routing_url, c.file.read_text())  # type: ignore[union-attr]
        for c in load_config()
    ]
    assert compose(inputs) == compose(list(reversed(inputs)))
