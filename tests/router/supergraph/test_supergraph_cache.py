"""The supergraph cache: a start with the same SDL (and code) unpickles what a previous start
built, plans alike, and anything doubtful (changed SDL, a damaged or foreign file) is loaded
afresh instead."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from graphql import parse, print_schema

from router.http.settings import RouterSettings
from router.planner import QueryPlanner
from router.planner.normalize import normalize_operation
from router.supergraph import cache
from router.supergraph.cache import cache_key, load_supergraph_cached
from router.supergraph.model import Supergraph
from tests.conftest import SUPERGRAPH_SDL
from tests.router.fixtures.compose import supergraph_path

SHOP = supergraph_path("shop").read_text()
STOREFRONT = """query { products(first: 5, channel: "default-channel") { edges { node { name
  offering { slug plans { code variant { id sku } } } } } } }"""


def _refuse_to_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(_sdl: str) -> Supergraph:
        raise AssertionError("parsed although cached")

    monkeypatch.setattr(cache, "load_supergraph", refuse)


def test_a_second_start_unpickles_the_first_ones_supergraph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = tmp_path / "cache"
    built = load_supergraph_cached(SUPERGRAPH_SDL, directory)
    [file] = list(directory.iterdir())
    assert file.name == f"supergraph-{cache_key(SUPERGRAPH_SDL)}.pickle"
    assert (directory.stat().st_mode & 0o777, file.stat().st_mode & 0o777) == (0o700, 0o600)
    _refuse_to_parse(monkeypatch)
    cached = load_supergraph_cached(SUPERGRAPH_SDL, directory)
    assert cached.subgraphs == built.subgraphs and cached.types.keys() == built.types.keys()

    def plan(supergraph: Supergraph) -> str:
        operation = normalize_operation(supergraph.api_schema, parse(STOREFRONT))
        return str(QueryPlanner(supergraph).plan(operation))

    assert plan(cached) == plan(built)


def test_doubtful_files_are_not_trusted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    directory = tmp_path / "cache"
    expected = print_schema(load_supergraph_cached(SHOP, directory).api_schema)
    [file] = list(directory.iterdir())
    other = SHOP + "\n# another supergraph\n"
    assert cache_key(other) != cache_key(SHOP)

    file.write_bytes(b"not a pickle")  # damaged: loaded afresh and rewritten
    assert print_schema(load_supergraph_cached(SHOP, directory).api_schema) == expected
    _refuse_to_parse(monkeypatch)
    assert print_schema(load_supergraph_cached(SHOP, directory).api_schema) == expected
    monkeypatch.undo()

    os.chmod(file, 0o666)  # others may write it: ignored
    _refuse_to_parse(monkeypatch)
    with pytest.raises(AssertionError, match="parsed although cached"):
        load_supergraph_cached(SHOP, directory)


def test_a_cache_that_cannot_be_written_only_slows_the_start(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("")
    supergraph = load_supergraph_cached(SHOP, blocked / "cache")
    assert "Query" in supergraph.api_schema.type_map


def test_cache_directory_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ROUTER_CACHE_DIR", raising=False)
    monkeypatch.setenv("CMP_DATA_DIR", "/var/lib/cmp")
    assert RouterSettings().supergraph_cache_dir() == Path("/var/lib/cmp/cache")
    monkeypatch.setenv("ROUTER_CACHE_DIR", "/tmp/router-cache")
    assert RouterSettings().supergraph_cache_dir() == Path("/tmp/router-cache")
    monkeypatch.setenv("ROUTER_CACHE_DIR", "off")
    assert RouterSettings().supergraph_cache_dir() is None
