"""The `cmp` command line as a newcomer meets it: every option says what it is for, and a busy
port is one line and exit status 2 (not uvicorn's traceback)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from cmp.cli import app

ROOT = Path(__file__).resolve().parents[2]


def commands(group: Any, path: str = "cmp") -> Iterator[tuple[str, Any]]:
    """Every command under `group` (typer's own click types: walked by their attributes)."""
    yield path, group
    for name, command in getattr(group, "commands", {}).items():
        yield from commands(command, f"{path} {name}")


def test_every_command_and_option_says_what_it_is_for() -> None:
    every = list(commands(typer.main.get_command(app)))
    assert {"cmp dev", "cmp token", "cmp saleor bootstrap", "cmp webhooks replay"} <= {
        path for path, _ in every
    }
    undocumented = [
        f"{path} {param.name}"
        for path, command in commands(typer.main.get_command(app))
        for param in command.params
        if not getattr(param, "help", None)
    ]
    undocumented += [
        path for path, command in commands(typer.main.get_command(app)) if not command.help
    ]
    assert undocumented == []


def test_subgraph_help_names_every_subgraph() -> None:
    from subgraphs.registry import SUBGRAPHS

    result = CliRunner().invoke(app, ["subgraph", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert set(SUBGRAPHS) == {"control-plane", "billing", "execution"}
    for name in SUBGRAPHS:
        assert name in result.output


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield listener.getsockname()[1]


@pytest.mark.parametrize(
    "command",
    [
        ["dev", "--port", "{port}"],
        ["subgraph", "billing", "--port", "{port}"],
        ["router", "--supergraph", "schema/supergraph.graphql", "--port", "{port}"],
        [
            "router",
            "--supergraph",
            "schema/supergraph.graphql",
            "--port",
            "{port}",
            "--workers",
            "2",
        ],
    ],
    ids=["dev", "subgraph", "router", "router-workers"],
)
def test_a_busy_port_is_one_line(busy_port: int, command: list[str], tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CMP_", "DATABASE_URL"))}
    env.update(CMP_DATA_DIR=str(tmp_path), CMP_ENV="development")
    done = subprocess.run(
        [sys.executable, "-m", "cmp.cli", *(part.format(port=busy_port) for part in command)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith(f"cmp: port {busy_port} on 127.0.0.1") and "already in use" in line
    assert not (tmp_path / "pgdata").exists()  # cmp dev refused before starting PostgreSQL
