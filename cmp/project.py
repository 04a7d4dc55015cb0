"""Where `cmp` keeps development state — `.cmp/` in the project's checkout: the development
issuer's key, the service token, the embedded PostgreSQL, the supergraph cache — whatever the
working directory. Without this, `cmp token` run elsewhere would make a key of its own and
print a token the running stack rejects."""

from __future__ import annotations

import os
import tomllib
from collections.abc import MutableMapping
from pathlib import Path

PROJECT_NAME = "cmp-supergraph"
DATA_DIR_VARIABLE = "CMP_DATA_DIR"


def is_checkout(folder: Path) -> bool:
    """A folder holding this project's pyproject.toml."""
    try:
        with (folder / "pyproject.toml").open("rb") as file:
            name = tomllib.load(file).get("project", {}).get("name")
    except (OSError, tomllib.TOMLDecodeError):
        return False
    return bool(name == PROJECT_NAME)


# The checkout this `cmp` runs from when it is installed editable (as ./run installs it).
INSTALLED_FROM = Path(__file__).resolve().parent.parent


def project_root(start: Path, installed_from: Path = INSTALLED_FROM) -> Path | None:
    """The checkout this `cmp` is installed from (its own `./run dev` keeps .cmp/ there), else,
    for an installed wheel, the checkout around `start`."""
    if is_checkout(installed_from):
        return installed_from
    for folder in (start, *start.parents):
        if is_checkout(folder):
            return folder
    return None


def use_project_data_dir(
    environ: MutableMapping[str, str] = os.environ, cwd: Path | None = None
) -> Path | None:
    """Point CMP_DATA_DIR at the checkout's .cmp/ when it is unset (an explicit value wins).
    Returns the directory chosen, or None when the variable was set or no checkout is found
    (then the settings' default, `.cmp` in the working directory, applies as before)."""
    if environ.get(DATA_DIR_VARIABLE):
        return None
    root = project_root((cwd or Path.cwd()).resolve())
    if root is None:
        return None
    data_dir = root / ".cmp"
    environ[DATA_DIR_VARIABLE] = str(data_dir)
    return data_dir
