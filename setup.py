"""Build hook, for one optional step: with CMP_COMPILE=1 the executor's hot modules are compiled
to C extensions with mypyc (the metadata is in pyproject.toml). Without it, nothing is compiled
and the project is pure Python, as in development and the tests.

    pip install mypy   # brings mypyc; a C compiler is needed too
    CMP_COMPILE=1 pip install --no-build-isolation --no-deps --editable .

deploy/Dockerfile does this. The extensions are built beside their sources; a source edited
after its build is caught when the package is imported (router/executor/native.py), so a stale
extension can never silently shadow it. Why these modules: the response pass, entity
representations and merging are the router's per-request Python (bench/README.md has the
figures)."""

from __future__ import annotations

import os
import sys

from setuptools import setup

COMPILED = (
    "router/executor/shape.py",
    "router/executor/entities.py",
    "router/executor/merge.py",
)


def _extensions() -> list[object]:
    if os.environ.get("CMP_COMPILE") != "1":
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        sys.exit("CMP_COMPILE=1 needs mypyc in the build environment (pip install mypy)")
    # The shared runtime library goes inside the package (not top-level), so an editable
    # install finds it wherever it finds router.executor.
    return list(mypycify(list(COMPILED), opt_level="3", group_name="router.executor._mypyc"))


setup(ext_modules=_extensions())
