"""Sub-commands contributed by areas of the project (composition, router, ...).

Each module here defines `register(app: typer.Typer) -> None`; `cmp.cli` calls them all, so an
area adds its commands without touching the CLI's core module.
"""

from __future__ import annotations

import importlib
import pkgutil

import typer


def register_all(app: typer.Typer) -> None:
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(app)
