"""Whether the executor's hot modules run compiled (mypyc, built with CMP_COMPILE=1: setup.py)
or as Python, and a guard against a stale build: a compiled module whose source was edited
after it was built would silently run the old code, so importing it fails loudly instead."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType


class StaleCompiledModule(ImportError):
    pass


def is_compiled(module: ModuleType) -> bool:
    return not str(module.__file__ or "").endswith(".py")


def check_fresh(*modules: ModuleType) -> None:
    for module in modules:
        if not is_compiled(module):
            continue
        built = Path(str(module.__file__))
        source = built.with_name(module.__name__.rsplit(".", 1)[-1] + ".py")
        if source.exists() and source.stat().st_mtime > built.stat().st_mtime:
            raise StaleCompiledModule(
                f"{built.name} was compiled before {source.name} last changed: rebuild it "
                "(CMP_COMPILE=1, see setup.py) or delete it to run the source"
            )
