"""The playground page and its assets over HTTP (the browser test drives it in Chromium)."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from router.http.options import HttpOptions
from router.http.playground import ASSETS, PACKAGE, VENDOR, installed
from tests.router.conftest import Stack
from tests.router.http.support import served

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


async def test_a_browser_gets_the_playground_with_same_origin_assets(shop_stack: Stack) -> None:
    async with served(shop_stack) as client:
        page = await client.get("/graphql", headers={"accept": BROWSER_ACCEPT})
        assets = {name: await client.get(f"/playground/{name}") for name in ASSETS}
        unknown = await client.get("/playground/package.json")
        escape = await client.get("/playground/..%2Fplayground.py")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources and all(source.startswith("/playground/") for source in sources)
    assert "/playground/favicon.svg" in sources
    types = {".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml"}
    for name, response in assets.items():
        assert response.status_code == 200, name
        assert response.headers["content-type"].startswith(types[Path(name).suffix])
    assert unknown.status_code == 404 and escape.status_code == 404


async def test_api_clients_and_a_disabled_playground_get_graphql_answers(
    shop_stack: Stack,
) -> None:
    async with served(shop_stack, HttpOptions(playground=False)) as client:
        page = await client.get("/graphql", headers={"accept": BROWSER_ACCEPT})
    assert page.status_code == 400
    assert page.json()["errors"][0]["extensions"]["code"] == "CSRF_ERROR"
    async with served(shop_stack) as client:
        api = await client.get("/graphql", headers={"apollo-require-preflight": "1"})
    assert api.status_code == 400
    assert api.json()["errors"][0]["message"] == "missing query"


def test_the_vendored_assets_are_the_locked_packages() -> None:
    """vendor/ is what vendor.mjs copied from the packages package-lock.json pins: same
    versions, unchanged files, and the licences of the code they contain."""
    assert installed()
    manifest = json.loads((VENDOR / "manifest.json").read_text())
    lock = json.loads((PACKAGE / "package-lock.json").read_text())["packages"]
    for name, version in manifest["packages"].items():
        assert lock[f"node_modules/{name}"]["version"] == version, name
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name
    assert set(manifest["files"]) == {
        path.name for path in ASSETS.values() if path.parent == VENDOR
    }
    licences = (VENDOR / "THIRD-PARTY-LICENSES.txt").read_text()
    for name, version in manifest["packages"].items():
        assert f"{name}@{version} (MIT)" in licences


@pytest.mark.slow
def test_the_built_package_carries_the_playground(tmp_path: Path) -> None:
    """`pip install` of the project (a wheel) serves the playground with no npm: every asset
    is package data. Built from the files a clone has (tracked or new, never ignored ones such
    as node_modules/ or a stale build/)."""
    root = Path(__file__).resolve().parents[3]
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=root,
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout.decode()
    source = tmp_path / "source"
    for name in filter(None, listed.split("\0")):
        if (root / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(root / name, source / name)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path / "dist"),
            str(source),
        ],
        check=True,
        timeout=300,
    )
    (wheel,) = (tmp_path / "dist").glob("cmp_supergraph-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = {f"router/http/playground/{p.relative_to(PACKAGE)}" for p in ASSETS.values()}
    wanted |= {
        "router/http/playground/index.html",
        "router/http/playground/vendor/THIRD-PARTY-LICENSES.txt",
    }
    assert wanted <= names
    assert not any("node_modules" in name for name in names)
