"""Every imported distribution is declared in pyproject.toml (deptry); requirements.lock pins
every declared one, so `./run` on a fresh machine installs what the code imports; the image's
requirements-runtime.lock pins the runtime ones alone, at the same versions."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
LOCK = (ROOT / "requirements.lock").read_text()
RUNTIME_LOCK = (ROOT / "requirements-runtime.lock").read_text()
NAME = re.compile(r"[A-Za-z0-9][\w.-]*")  # a requirement's distribution name


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def name_of(requirement: str) -> str:
    match = NAME.match(requirement)
    assert match, requirement
    return normalized(match[0])


def pins(lock: str) -> dict[str, str]:
    """Distribution -> version, as a lock file pins them."""
    found = re.findall(r"^([A-Za-z0-9][\w.-]*)==([^ \\]+)", lock, re.MULTILINE)
    return {normalized(name): version for name, version in found}


def deptry(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "deptry", ".", "--no-ansi", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_production_code_imports_only_runtime_dependencies() -> None:
    """cmp, router, schema, subgraphs, webhooks: nothing missing, nothing only transitive, no
    development package, no runtime dependency unused (pyproject's [tool.deptry])."""
    done = deptry()
    assert done.returncode == 0, done.stdout + done.stderr


def test_tests_and_benchmarks_import_only_declared_distributions() -> None:
    done = deptry(
        "--exclude",
        r"\.venv|\.cmp|build|node_modules|storefront|setup\.py",
        "--ignore",
        "DEP002,DEP004",  # dev packages are imported here, as they should be
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    "group",
    ["dependencies", *PYPROJECT["project"]["optional-dependencies"]],
)
def test_the_lock_pins_every_declared_distribution(group: str) -> None:
    declared = (
        PYPROJECT["project"]["dependencies"]
        if group == "dependencies"
        else PYPROJECT["project"]["optional-dependencies"][group]
    )
    pinned = set(pins(LOCK))
    missing = [requirement for requirement in declared if name_of(requirement) not in pinned]
    assert missing == [], 'refresh requirements.lock (README, "Two commands")'


def test_the_image_lock_is_the_runtime_part_of_the_lock() -> None:
    runtime, everything = pins(RUNTIME_LOCK), pins(LOCK)
    declared = {name_of(requirement) for requirement in PYPROJECT["project"]["dependencies"]}
    assert declared <= set(runtime), "refresh requirements-runtime.lock (README)"
    assert {name: everything.get(name) for name in runtime} == runtime
    assert "pgserver" not in runtime and "pytest" not in runtime
