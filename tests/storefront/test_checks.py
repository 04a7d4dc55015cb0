"""The storefront's own checks, in the project's test command: its Vitest suite (components,
the SSE client, the catalog's decisions, the codegen schema loader) and generated types (and the
trusted-document manifest, src/gql/persisted-documents.json) that match schema/supergraph.graphql
and the storefront's documents."""

from __future__ import annotations

import asyncio
import os
import subprocess

import pytest

from tests.conftest import SUPERGRAPH_SDL
from tests.storefront.app import STOREFRONT, ensure_installed, missing_tools

# The storefront's documents use Saleor's checkout (issue 11) and contract v2's invitations.
FULL_API = "checkoutCreate(" in SUPERGRAPH_SDL and "invitations:" in SUPERGRAPH_SDL


@pytest.fixture(scope="module")
async def installed() -> None:
    missing = missing_tools()
    if missing:
        pytest.skip(missing)
    await asyncio.to_thread(ensure_installed)


def _npx(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CI": "1", "NO_COLOR": "1"}
    env.pop("CMP_SUPERGRAPH", None)  # the repository's supergraph, whatever the caller set
    return subprocess.run(
        ["npx", "--no-install", *args],
        cwd=STOREFRONT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


async def test_the_vitest_suite_passes(installed: None) -> None:
    done = await asyncio.to_thread(_npx, "vitest", "run")
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert " passed" in done.stdout and "failed" not in done.stdout


@pytest.mark.skipif(
    not FULL_API,
    reason="schema/supergraph.graphql lacks Saleor's checkout (issue 11) or User.invitations: "
    "the storefront's documents cannot validate against it yet",
)
async def test_generated_types_match_the_supergraph(installed: None) -> None:
    done = await asyncio.to_thread(_npx, "graphql-codegen", "--config", "codegen.ts", "--check")
    assert done.returncode == 0, (
        "storefront/src/gql is stale: run `npm run codegen` in storefront/\n"
        + done.stdout[-3000:]
        + done.stderr[-3000:]
    )
