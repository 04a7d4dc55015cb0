"""The `cmp` console entry. `cmp router …` is served without loading the CLI framework when
cmp.router_command can read its options (typer is a tenth of the router's start-up); every
other command, and `cmp router` with help or a malformed option, goes to the typer app in
cmp.cli. Either way a refused setting (e.g. CMP_ENV=prod) is one line per variable and exit
status 2, not a stack trace."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable


def report_settings_errors(run: Callable[[], None]) -> None:
    from pydantic import ValidationError

    try:
        run()
    except ValidationError as error:
        from subgraphs.common.environment import describe_settings_error

        print(f"cmp: bad configuration\n{describe_settings_error(error)}", file=sys.stderr)
        sys.exit(2)


def main() -> None:
    arguments = sys.argv[1:]
    if arguments[:1] == ["router"]:
        from cmp.router_command import parse_router_arguments, run_router

        parsed = parse_router_arguments(arguments[1:])
        if parsed is not None:
            os.environ.setdefault("PYTHONUNBUFFERED", "1")
            report_settings_errors(lambda: run_router(parsed))
            return
    from cmp.cli import main as cli_main

    cli_main()
