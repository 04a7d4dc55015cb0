"""200 concurrent runStart on a wallet that affords 50: exactly 50 accepted, all finish,
and the ledger balances."""

from __future__ import annotations

import asyncio

from tests.subgraphs.execution.conftest import ExecutionWorld, WorkerFactory


async def test_storm_of_run_starts(world: ExecutionWorld, workers: WorkerFactory) -> None:
    tenant = await world.tenant(credits=500, credits_per_run=10)
    results = await asyncio.gather(*(world.start(tenant, f"job {n}") for n in range(200)))
    accepted = [r["run"] for r in results if r["run"] is not None]
    refused = [r["errors"][0]["code"] for r in results if r["run"] is None]
    assert len(accepted) == 50
    assert refused == ["INSUFFICIENT_CREDITS"] * 150
    held = await world.wallet(tenant)
    assert (held["balance"], held["reserved"], held["available"]) == (500, 500, 0)

    await workers(concurrency=8)
    for run in accepted:
        done = await world.wait_for(tenant, run["id"], "SUCCEEDED", timeout=60)
        assert done["creditsCharged"] == 10
    wallet = await world.wallet(tenant)
    assert (wallet["balance"], wallet["reserved"], wallet["available"]) == (0, 0, 0)
    entries = [e["node"] for e in wallet["entries"]["edges"]]
    assert sum(e["amount"] for e in entries) == wallet["balance"]
    charges = [e for e in entries if e["kind"] == "RUN_CHARGE"]
    assert len(charges) == 50
    assert {e["reference"] for e in charges} == {r["id"] for r in accepted}
