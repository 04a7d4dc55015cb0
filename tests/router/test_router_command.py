"""`cmp router` read without typer (cmp/entry.py, cmp/router_command.py): the same options as
the typer command, the same values for them, and typer for everything else."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

import cmp.router_command
from cmp.cli import app
from cmp.router_command import OPTIONS, RouterArguments, parse_router_arguments
from tests.router.fixtures.compose import supergraph_path

SHOP = str(supergraph_path("shop"))


def test_the_parser_takes_exactly_the_typer_commands_options() -> None:
    command = typer.main.get_command(app).commands["router"]  # type: ignore[attr-defined]
    typer_options = {
        option
        for parameter in command.params
        for option in (*parameter.opts, *parameter.secondary_opts)
        if option != "--help"
    }
    assert typer_options == OPTIONS


@pytest.mark.parametrize(
    "argv",
    [
        ["--supergraph", SHOP],
        [
            "--supergraph",
            SHOP,
            "--host",
            "0.0.0.0",
            "--port",
            "4100",
            "--label",
            "a",
            "--label",
            "b",
            "--subgraph-url",
            "accounts=http://a:1/graphql",
            "--timeout",
            "2.5",
            "--subgraph-timeout",
            "accounts=3",
            "--cors-origin",
            "https://shop.example.com",
            "--no-reload",
            "--workers",
            "3",
        ],
        [f"--supergraph={SHOP}", "--reload", "--port=4001"],
    ],
)
def test_both_paths_give_the_router_the_same_arguments(
    monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    received: list[RouterArguments] = []
    monkeypatch.setattr(cmp.router_command, "run_router", received.append)
    result = CliRunner().invoke(app, ["router", *argv])
    assert result.exit_code == 0, result.output
    (through_typer,) = received
    assert parse_router_arguments(argv) == through_typer


@pytest.mark.parametrize(
    "argv",
    [
        ["--supergraph", SHOP, "--help"],
        [],  # --supergraph is required
        ["--supergraph", "/no/such/supergraph.graphql"],
        ["--supergraph", SHOP, "--workers", "0"],
        ["--supergraph", SHOP, "--port", "eighty"],
        ["--supergraph", SHOP, "--unknown"],
        ["--supergraph", SHOP, "--sup", SHOP],  # abbreviations: typer's to refuse
    ],
)
def test_anything_else_is_left_to_typer(argv: list[str]) -> None:
    assert parse_router_arguments(argv) is None


def test_typer_answers_help_and_mistakes_through_the_console_entry() -> None:
    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "cmp", "router", *argv], capture_output=True, text=True
        )

    assert "cmp router [OPTIONS]" in run("--help").stdout
    missing = run("--supergraph", "/nope.graphql")
    assert missing.returncode == 2
    assert "Invalid value for '--supergraph'" in missing.stderr


def test_the_console_entry_serves_the_router_without_typer() -> None:
    probe = (
        "import sys\n"
        "import cmp.entry, cmp.router_command, cmp.serving, router.http, router.http.settings\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'click')))\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.strip()
    # uvicorn imports click for its own CLI; typer (and its pydantic coercion) stays out.
    assert "typer" not in loaded


def test_the_planner_loads_with_the_first_plan(tmp_path: Path) -> None:
    probe = (
        "import asyncio, sys\n"
        "from router.pipeline import GraphQLRequest, Router\n"
        f"router = Router.from_sdl(open({SHOP!r}).read())\n"
        "print('router.planner.planner' in sys.modules)\n"
        "router.plans.plan(router.preparer.prepare('{ topProducts { name } }', None).operation,"
        " frozenset())\n"
        "print('router.planner.planner' in sys.modules)\n"
    )
    printed = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split()
    assert printed == ["False", "True"]
