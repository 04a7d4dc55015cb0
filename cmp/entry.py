"""The `cmp` console entry. `cmp router …` is served without loading the CLI framework when
cmp.router_command can read its options (typer is a tenth of the router's start-up); every
other command, and `cmp router` with help or a malformed option, goes to the typer app in
cmp.cli. Either way every command first finds the project's data directory, and a refused
setting (e.g. CMP_ENV=prod), a bad tracing configuration or a busy port is one line and exit
status 2, not a stack trace."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable


def prepare() -> None:
    """What every command does before its own work."""
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    from cmp.project import use_project_data_dir
    from kernel.telemetry import configuration_problem

    use_project_data_dir()
    problem = configuration_problem()
    if problem is not None:
        print(f"cmp: bad configuration\n{problem}", file=sys.stderr)
        sys.exit(2)


def report_startup_errors(run: Callable[[], None]) -> None:
    from pydantic import ValidationError

    from cmp.ports import PortInUse

    try:
        run()
    except ValidationError as error:
        from kernel.environment import describe_settings_error

        print(f"cmp: bad configuration\n{describe_settings_error(error)}", file=sys.stderr)
        sys.exit(2)
    except PortInUse as error:
        print(f"cmp: {error}", file=sys.stderr)
        sys.exit(2)


def main() -> None:
    arguments = sys.argv[1:]
    if arguments[:1] == ["router"]:
        from cmp.router_command import parse_router_arguments, run_router

        parsed = parse_router_arguments(arguments[1:])
        if parsed is not None:
            prepare()
            report_startup_errors(lambda: run_router(parsed))
            return
    from cmp.cli import main as cli_main

    cli_main()
