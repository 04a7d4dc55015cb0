"""A loaded supergraph kept on disk between starts: parsing Saleor's 1 MB SDL and building the
API schema costs about a second of CPU, unpickling the result about a fifth of that.

The file is named by a hash of the SDL, graphql-core's and Python's versions and this package's
source, so any change to one of them loads afresh. A pickle runs code when loaded: the cache
directory is created private to the router's user, and a file that user does not own, or that
others may write, is ignored (and so is any file that fails to load)."""

from __future__ import annotations

import gc
import hashlib
import io
import logging
import os
import pickle
import sys
from pathlib import Path
from typing import Any

import graphql
from graphql import introspection_types, specified_directives, specified_scalar_types

from router.supergraph.load import load_supergraph
from router.supergraph.model import Supergraph

log = logging.getLogger(__name__)
_PACKAGE = Path(__file__).resolve().parent
_KEEP = 3  # newest cache files kept; older ones are removed


def cache_key(sdl: str) -> str:
    digest = hashlib.sha256()
    digest.update(f"{sys.version}\0{graphql.__version__}\0".encode())
    for source in sorted(_PACKAGE.glob("*.py")):
        digest.update(source.read_bytes())
    digest.update(sdl.encode())
    return digest.hexdigest()[:40]


def _builtins() -> dict[int, tuple[str, str]]:
    """graphql-core's own types and directives, by identity: pickled by name, so a loaded
    schema shares the running process's (which Strawberry, when imported, patches with
    resolvers that cannot be pickled)."""
    shared: dict[int, tuple[str, str]] = {}
    for name, value in introspection_types.items():
        shared[id(value)] = ("type", name)
    for name, value in specified_scalar_types.items():
        shared[id(value)] = ("scalar", name)
    for directive in specified_directives:
        shared[id(directive)] = ("directive", directive.name)
    return shared


def _builtin(kind: str, name: str) -> object:
    if kind == "type":
        return introspection_types[name]
    if kind == "scalar":
        return specified_scalar_types[name]
    return next(d for d in specified_directives if d.name == name)


class _Pickler(pickle.Pickler):
    shared = _builtins()

    def reducer_override(self, obj: object) -> Any:
        found = self.shared.get(id(obj))
        return (_builtin, found) if found is not None else NotImplemented


def _dumps(supergraph: Supergraph) -> bytes:
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(supergraph)
    return buffer.getvalue()


def _trusted(path: Path) -> bool:
    status = path.stat()
    return status.st_uid == os.getuid() and not status.st_mode & 0o022


def _read(path: Path) -> Supergraph | None:
    try:
        if not path.exists() or not _trusted(path):
            return None
        was_enabled = gc.isenabled()
        gc.disable()  # as in load_supergraph: many objects, nothing to collect
        try:
            loaded = pickle.loads(path.read_bytes())  # noqa: S301 - our own, private file
        finally:
            if was_enabled:
                gc.enable()
    except Exception as error:  # any unreadable cache is only a slower start
        log.warning("ignoring the supergraph cache %s: %s", path, error)
        return None
    return loaded if isinstance(loaded, Supergraph) else None


def _write(directory: Path, path: Path, supergraph: Supergraph) -> None:
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.partial")
        partial.write_bytes(_dumps(supergraph))
        partial.chmod(0o600)
        partial.replace(path)
        for old in sorted(directory.glob("supergraph-*.pickle"), key=lambda p: p.stat().st_mtime)[
            :-_KEEP
        ]:
            old.unlink(missing_ok=True)
    except Exception as error:  # best effort: without it, the next start parses again
        log.warning("cannot keep the supergraph cache in %s: %s", directory, error)


def load_supergraph_cached(sdl: str, directory: Path | None) -> Supergraph:
    """`load_supergraph(sdl)`, from `directory`'s cache when it holds this exact one;
    `directory` None: no cache."""
    if directory is None:
        return load_supergraph(sdl)
    path = directory / f"supergraph-{cache_key(sdl)}.pickle"
    cached = _read(path)
    if cached is not None:
        return cached
    supergraph = load_supergraph(sdl)
    _write(directory, path, supergraph)
    return supergraph
