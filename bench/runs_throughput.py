"""Runs through the queue and the worker, against the zero-latency local runtime.

Measures, in one process on loopback (control-plane, billing and execution served by uvicorn,
a real PostgreSQL — DATABASE_URL's server, else an embedded one):
  * runStart acceptance rate (checks with control-plane, reservation in billing, queue insert);
  * drain rate: runs per second from QUEUED to SUCCEEDED and settled, one worker process;
  * pickup delay: from runStart's commit to RUNNING, for runs started one at a time.

    .venv/bin/python -m bench.runs_throughput [--runs 400] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
import uuid
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from cmp.embedded_postgres import embedded_postgres
from cmp.migrations import migrate_all
from cmp.serving import free_port, start_server
from kernel.auth.authenticate import SERVICE_TOKEN_HEADER
from kernel.auth.dev_issuer import DevIssuer
from kernel.database import Database
from kernel.settings import BillingSettings, ControlPlaneSettings, ExecutionSettings
from subgraphs.billing.app import create_app as billing_app
from subgraphs.control_plane.app import create_app as control_plane_app
from subgraphs.execution import models
from subgraphs.execution.app import create_app as execution_app
from subgraphs.execution.runtimes.local import LocalDevelopmentRuntime
from subgraphs.execution.services import build_services
from subgraphs.execution.worker import Worker

SERVICE_TOKEN = "bench-service-token"


async def gql(
    http: httpx.AsyncClient,
    url: str,
    query: str,
    variables: dict[str, Any],
    token: str | None = None,
) -> dict[str, Any]:
    headers = (
        {"Authorization": f"Bearer {token}"} if token else {SERVICE_TOKEN_HEADER: SERVICE_TOKEN}
    )
    response = await http.post(url, json={"query": query, "variables": variables}, headers=headers)
    body: dict[str, Any] = response.json()
    if body.get("errors"):
        raise RuntimeError(body["errors"])
    data: dict[str, Any] = body["data"]
    return data


async def fresh_database(server: str) -> str:
    name = f"cmp_bench_{uuid.uuid4().hex[:8]}"
    dsn = make_url(server).set(drivername="postgresql").render_as_string(hide_password=False)
    connection = await asyncpg.connect(dsn)
    try:
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
    return make_url(server).set(database=name).render_as_string(hide_password=False)


async def count(db: Database, *statuses: str, settled: bool | None = None) -> int:
    async with db.session() as session:
        statement = (
            select(func.count()).select_from(models.Run).where(models.Run.status.in_(statuses))
        )
        if settled is not None:
            statement = statement.where(models.Run.settled.is_(settled))
        return int(await session.scalar(statement) or 0)


ORG_CREATE = 'mutation { organizationCreate(input: {name: "Bench"}) { organization { id } } }'
OFFERING_CREATE = (
    "mutation($i: OfferingCreateInput!) { offeringCreate(input: $i) { offering { id } } }"
)
PROVISION = (
    "mutation($i: InstanceProvisionInput!) { instanceProvision(input: $i) { instance { id } } }"
)
ADJUST = "mutation($i: WalletAdjustInput!) { walletAdjust(input: $i) { errors { message } } }"
RUN_START = "mutation($i: RunStartInput!) { runStart(input: $i) { run { id } errors { code } } }"


async def bench(server: str, runs: int, concurrency: int, key_file: Path) -> None:
    url = await fresh_database(server)
    await asyncio.to_thread(migrate_all, url)
    common: dict[str, Any] = {
        "database_url": url,
        "service_token": SERVICE_TOKEN,
        "dev_issuer_key_file": key_file,
        "database_pool_size": 10,
    }
    cp_port, billing_port = free_port(), free_port()
    cp_url = f"http://127.0.0.1:{cp_port}/graphql"
    billing_url = f"http://127.0.0.1:{billing_port}/graphql"
    cp = await start_server(
        control_plane_app(ControlPlaneSettings(**common, billing_url=billing_url)), port=cp_port
    )
    billing = await start_server(
        billing_app(BillingSettings(**common, control_plane_url=cp_url)), port=billing_port
    )
    settings = ExecutionSettings(
        **common,
        control_plane_url=cp_url,
        billing_url=billing_url,
        worker_concurrency=concurrency,
    )
    execution = await start_server(execution_app(settings))
    execution_url = f"{execution.url}/graphql"
    issuer = DevIssuer.load_or_create(key_file)
    owner, staff = issuer.token("bench@example.com"), issuer.token("ops@example.com", is_staff=True)
    db = Database(url, pool_size=concurrency + 2)
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    async with httpx.AsyncClient(timeout=60, limits=limits) as http:
        org = (await gql(http, cp_url, ORG_CREATE, {}, owner))["organizationCreate"]
        org_id = org["organization"]["id"]
        offering_input = {
            "slug": "bench",
            "name": "Bench",
            "flowId": "bench-flow",
            "creditsPerRun": 1,
        }
        offering = await gql(http, cp_url, OFFERING_CREATE, {"i": offering_input}, staff)
        offering_id = offering["offeringCreate"]["offering"]["id"]
        provision_input = {"organizationId": org_id, "offeringId": offering_id}
        provisioned = await gql(http, cp_url, PROVISION, {"i": provision_input}, staff)
        instance = provisioned["instanceProvision"]["instance"]["id"]
        credits = {
            "organizationId": org_id,
            "amount": runs * 2,
            "reason": "bench",
            "idempotencyKey": "bench",
        }
        await gql(http, billing_url, ADJUST, {"i": credits}, staff)
        gate = asyncio.Semaphore(32)

        async def start_one(label: str) -> uuid.UUID:
            async with gate:
                run_input = {"instanceId": instance, "input": {"input_value": label}}
                data = await gql(http, execution_url, RUN_START, {"i": run_input}, owner)
                assert data["runStart"]["errors"] == [], data
                return uuid.UUID(data["runStart"]["run"]["id"])

        began = time.perf_counter()
        for n in range(20):
            await start_one(f"job {n}")
        sequential_ms = (time.perf_counter() - began) / 20 * 1000
        began = time.perf_counter()
        await asyncio.gather(*(start_one(f"job {n}") for n in range(20, runs)))
        accept_seconds = time.perf_counter() - began
        runs_started = runs - 20

        services = build_services(settings, db)
        await services.connect()
        worker = Worker(services, LocalDevelopmentRuntime())
        stop = asyncio.Event()
        began = time.perf_counter()
        task = asyncio.create_task(worker.run_forever(stop))
        while await count(db, "SUCCEEDED", settled=True) < runs:  # noqa: ASYNC110 - polling the DB
            await asyncio.sleep(0.01)
        drain_seconds = time.perf_counter() - began

        delays: list[float] = []
        for n in range(30):
            run_id = await start_one(f"solo {n}")
            while True:
                async with db.session() as session:
                    row = (
                        await session.execute(
                            select(models.Run.created_at, models.Run.started_at).where(
                                models.Run.id == run_id
                            )
                        )
                    ).one()
                if row.started_at is not None:
                    delays.append((row.started_at - row.created_at).total_seconds() * 1000)
                    break
                await asyncio.sleep(0.002)
        stop.set()
        await task
        await services.aclose()
    await db.dispose()
    for running in (execution, billing, cp):
        await running.stop()

    delays.sort()
    p99 = delays[int(len(delays) * 0.99) - 1]
    print(
        f"machine: {os.cpu_count()} cores; worker concurrency {concurrency}; "
        f"poll {settings.worker_poll_seconds}s"
    )
    print(f"runStart, one at a time: {sequential_ms:6.1f} ms each")
    print(
        f"runStart accepted:   {runs_started / accept_seconds:8.1f} runs/s  "
        f"({runs_started} runs, 32 in flight)"
    )
    print(f"queue -> SUCCEEDED:  {runs / drain_seconds:8.1f} runs/s  (one worker, settled)")
    print(
        f"runStart -> RUNNING: p50 {statistics.median(delays):6.1f} ms   p99 {p99:6.1f} ms   "
        f"max {delays[-1]:6.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    with ExitStack() as stack, tempfile.TemporaryDirectory() as scratch:
        server = os.environ.get("DATABASE_URL") or stack.enter_context(
            embedded_postgres(Path(scratch))
        )
        asyncio.run(bench(server, args.runs, args.concurrency, Path(scratch) / "issuer.pem"))


if __name__ == "__main__":
    main()
