"""The storefront as the tests run it: npm packages installed when the lockfile changed, one
production build reused while the storefront's sources are unchanged (the build holds no URL:
it reads them per request), and `next start` on a free loopback port."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
STOREFRONT = ROOT / "storefront"
INSTALL_STAMP = STOREFRONT / "node_modules" / ".installed-from"
BUILD_STAMP = STOREFRONT / ".next" / ".built-from"
# What the build depends on; anything else (tests, README) does not invalidate it.
BUILD_INPUTS = ["package.json", "package-lock.json", "next.config.ts", "tsconfig.json", "src"]


def missing_tools() -> str | None:
    """Why the storefront cannot be built here, or None."""
    for tool in ("node", "npm"):
        if shutil.which(tool) is None:
            return f"{tool} not found: the storefront needs Node.js >= 20.9 and npm"
    return None


def _digest(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            digest.update(str(file.relative_to(STOREFRONT)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


def _run(command: list[str], timeout: float) -> None:
    env = {**os.environ, "NEXT_TELEMETRY_DISABLED": "1"}
    done = subprocess.run(
        command, cwd=STOREFRONT, env=env, capture_output=True, text=True, timeout=timeout
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
        )


def ensure_installed() -> None:
    """`npm ci` when package-lock.json changed since the last install (./run does the same)."""
    want = hashlib.sha256((STOREFRONT / "package-lock.json").read_bytes()).hexdigest()
    if INSTALL_STAMP.exists() and INSTALL_STAMP.read_text().strip() == want:
        return
    _run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], timeout=900)
    INSTALL_STAMP.write_text(want)


def ensure_built() -> None:
    """`next build` unless the last build came from the same sources."""
    want = _digest([STOREFRONT / name for name in BUILD_INPUTS])
    if (
        (STOREFRONT / ".next" / "BUILD_ID").exists()
        and BUILD_STAMP.exists()
        and BUILD_STAMP.read_text().strip() == want
    ):
        return
    _run(["npx", "--no-install", "next", "build"], timeout=1200)
    BUILD_STAMP.write_text(want)


@dataclass(frozen=True)
class Storefront:
    url: str
    graphql_url: str


@contextmanager
def serve(
    port: int, graphql_url: str, dev_issuer_key_file: Path, log_file: Path
) -> Iterator[Storefront]:
    """`next start` against `graphql_url` (SSR and browser alike), development tokens allowed
    and signed with the session's development key; its output goes to `log_file`."""
    env = {
        **os.environ,
        "NEXT_TELEMETRY_DISABLED": "1",
        "CMP_GRAPHQL_URL": graphql_url,
        "NEXT_PUBLIC_CMP_GRAPHQL_URL": graphql_url,
        "CMP_STOREFRONT_DEV_TOKENS": "1",
        "CMP_DEV_ISSUER_KEY_FILE": str(dev_issuer_key_file),
        "CMP_BIN": str(ROOT / ".venv" / "bin" / "cmp"),
    }
    log = log_file.open("wb")
    process = subprocess.Popen(
        ["npx", "--no-install", "next", "start", "--hostname", "127.0.0.1", "--port", str(port)],
        cwd=STOREFRONT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: npx and next stop together
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(url, process, log_file)
        yield Storefront(url, graphql_url)
    finally:
        log.close()
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _wait_until_serving(url: str, process: subprocess.Popen[bytes], log_file: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = log_file.read_text(errors="replace")[-3000:]
            raise RuntimeError(f"next start exited ({process.returncode}):\n{output}")
        try:
            # A page that calls no API: the server is up once it answers.
            if httpx.get(f"{url}/account", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"the storefront did not answer at {url} within 60 s")
