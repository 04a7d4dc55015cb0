"""Headless Chromium (Debian's package, never a browser Playwright downloads), driven by
Playwright for Python. No test installs it: `./run test` does, visibly (apt-get), and the tests
skip with the reason when it is still missing; with CMP_REQUIRE_BROWSER=1 (CI) they fail
instead, so a CI run cannot pass without having driven the browser."""

from __future__ import annotations

import os
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


def chromium_missing() -> str | None:
    """None when Chromium is there, else why the browser tests cannot run."""
    if CHROMIUM.exists():
        return None
    return f"{CHROMIUM} is missing: `./run test` installs Debian's chromium package (apt-get)"


def skip_without_chromium() -> None:
    missing = chromium_missing()
    if missing is None:
        return
    if os.environ.get("CMP_REQUIRE_BROWSER") == "1":
        pytest.fail(f"CMP_REQUIRE_BROWSER=1 but {missing}")
    pytest.skip(missing)


@pytest.fixture
async def browser_page(tmp_path: Path) -> AsyncIterator[object]:
    playwright_api = pytest.importorskip("playwright.async_api")
    skip_without_chromium()
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
