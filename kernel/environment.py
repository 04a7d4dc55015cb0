"""`CMP_ENV`: the one switch between a developer's laptop and production, shared by the router,
the subgraphs, the worker and the webhook endpoint.

A typed setting: anything but `development` or `production` is refused when a process starts
(a typo such as `prod` must never quietly leave introspection on or a subgraph open).
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import ValidationError


class Environment(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


def describe_settings_error(error: ValidationError) -> str:
    """One line per refused variable, named as it is set (`CMP_ENV: …`), with what was given."""
    lines = []
    for problem in error.errors():
        name = ".".join(str(part) for part in problem.get("loc", ())) or "settings"
        given = problem.get("input")
        shown = f" (got {given!r})" if isinstance(given, str | int | float) else ""
        lines.append(f"{name}: {problem.get('msg', 'invalid')}{shown}")
    return "\n".join(lines)
