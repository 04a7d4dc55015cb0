"""The executor compiled with mypyc (setup.py, CMP_COMPILE=1; deploy/Dockerfile builds it):
the build works, the compiled modules are the ones imported, they pass the executor's and the
pipeline's tests, and a source edited after its build is refused rather than shadowed. The
rest of the suite runs the same modules as Python."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
# The executor's own tests and the pipeline end to end (shop fixture subgraphs, partial results).
SUITES = [
    "tests/router/executor",
    "tests/router/test_through_router.py",
    "tests/router/test_partial_results.py",
]


@pytest.fixture(scope="module")
def compiled_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("cc") is None and shutil.which("gcc") is None:
        pytest.fail("a C compiler is needed to build the compiled executor (apt-get install gcc)")
    tree = tmp_path_factory.mktemp("compiled")
    for name in ("setup.py", "pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, tree / name)
    shutil.copytree(ROOT / "router", tree / "router", ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(
        [sys.executable, "setup.py", "-q", "build_ext", "--inplace"],
        cwd=tree,
        env={**os.environ, "CMP_COMPILE": "1"},
        capture_output=True,
        check=True,
    )
    return tree


def _python(tree: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    # Run from the copy, which is first on the path: its router package (with the extensions)
    # wins over the checkout's; tests and fixtures still come from the checkout.
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=tree,
        env={**os.environ, "PYTHONPATH": f"{tree}{os.pathsep}{ROOT}"},
        capture_output=True,
        text=True,
    )


def test_the_compiled_modules_are_imported(compiled_tree: Path) -> None:
    probe = _python(
        compiled_tree,
        "-c",
        "import router.executor as e, router.executor.shape as s; print(e.COMPILED, s.__file__)",
    )
    compiled, where = probe.stdout.split()
    assert compiled == "True"
    assert where.startswith(str(compiled_tree)) and not where.endswith(".py")


def test_the_compiled_executor_passes_the_executor_and_pipeline_tests(
    compiled_tree: Path,
) -> None:
    # router.executor is imported (and checked compiled) before pytest, so every test of this
    # process runs the compiled modules whatever pytest adds to the path.
    suites = [str(ROOT / suite) for suite in SUITES]
    program = (
        "import sys, pytest, router.executor\n"
        "assert router.executor.COMPILED, router.executor.shape.__file__\n"
        f"sys.exit(pytest.main({['-q', '-p', 'no:cacheprovider', '--rootdir', str(ROOT), *suites, '--ignore', __file__]!r}))\n"
    )
    run = _python(compiled_tree, "-c", program)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert " passed" in run.stdout


def test_a_source_edited_after_the_build_is_refused(compiled_tree: Path) -> None:
    source = compiled_tree / "router" / "executor" / "merge.py"
    built = next(source.parent.glob("merge.*.so"))
    stat = built.stat()
    os.utime(source, (stat.st_atime, stat.st_mtime + 10))
    try:
        refused = _python(compiled_tree, "-c", "import router.executor")
        assert refused.returncode != 0
        assert "StaleCompiledModule" in refused.stderr and "merge" in refused.stderr
    finally:
        os.utime(source, (stat.st_atime, stat.st_mtime - 10))
