"""Headless Chromium (Debian's package, never a browser Playwright downloads), driven by
Playwright for Python. Installs the package with apt-get when it is missing and we are root;
skips with the reason otherwise."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _ensure_chromium() -> str | None:
    """None when Chromium is there, else why it cannot be."""
    if CHROMIUM.exists():
        return None
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        return f"{CHROMIUM} is missing (install Debian's chromium package)"
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        done = subprocess.run(command, capture_output=True, timeout=600, check=False)
        if done.returncode != 0:
            return f"could not install chromium: {done.stderr.decode()[-300:]}"
    return None if CHROMIUM.exists() else "chromium installed but not at /usr/bin/chromium"


@pytest.fixture
async def browser_page(tmp_path: Path) -> AsyncIterator[object]:
    playwright_api = pytest.importorskip("playwright.async_api")
    missing = _ensure_chromium()
    if missing:
        pytest.skip(missing)
    async with playwright_api.async_playwright() as playwright:
        # A fresh profile per test; headless=False because FLAGS already says --headless.
        context = await playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=str(CHROMIUM),
            headless=False,
            args=FLAGS,
        )
        try:
            yield context.pages[0] if context.pages else await context.new_page()
        finally:
            await context.close()
