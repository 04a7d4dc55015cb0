"""Execution test helpers: an organization with an ACTIVE instance of an offering whose
flowId picks the fake Langflow's behaviour, credits in its wallet, and in-process workers."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from cmp.serving import RunningServer
from kernel.auth.dev_issuer import DevIssuer
from tests.conftest import SERVICE_TOKEN, GraphQLPost, Stack, WorkerFactory
from tests.fakes.langflow.app import API_KEY
from tests.support.users import TestUser, new_user

RUN_FIELDS = """id status input output error creditsCharged createdAt startedAt finishedAt
  usage { durationMs inputTokens outputTokens } instance { id }"""

RUN_START = f"""mutation($input: RunStartInput!) {{
  runStart(input: $input) {{ run {{ {RUN_FIELDS} }} errors {{ field message code }} }} }}"""

RUN_CANCEL = f"""mutation($id: ID!) {{
  runCancel(id: $id) {{ run {{ {RUN_FIELDS} }} errors {{ field message code }} }} }}"""

RUN_QUERY = f"query($id: ID!) {{ run(id: $id) {{ {RUN_FIELDS} }} }}"

WALLET = """query($org: ID!) { wallet(organizationId: $org) { balance reserved available
  entries(first: 100) { edges { node { kind amount balanceAfter reference } } } } }"""


@dataclass
class Tenant:
    owner: TestUser
    organization_id: str
    instance_id: str
    offering_id: str
    credits_per_run: int


@dataclass
class ExecutionWorld:
    stack: Stack
    gql: GraphQLPost
    issuer: DevIssuer
    staff: TestUser
    # When set, every call goes to this one endpoint (the router) instead of each subgraph.
    via: str | None = None

    def direct(self) -> ExecutionWorld:
        """The same world talking to each subgraph itself (for `_entities` and internals)."""
        return dataclasses.replace(self, via=None)

    async def cp(self, query: str, variables: dict[str, Any], token: str) -> dict[str, Any]:
        return await self.gql(
            self.via or self.stack.control_plane_url, query, variables, token=token
        )

    async def ex(
        self, query: str, variables: dict[str, Any], token: str | None = None, service: bool = False
    ) -> dict[str, Any]:
        return await self.gql(
            self.via or self.stack.execution_url, query, variables, token=token, service=service
        )

    async def billing(self, query: str, variables: dict[str, Any], token: str) -> dict[str, Any]:
        return await self.gql(self.via or self.stack.billing_url, query, variables, token=token)

    async def tenant(
        self,
        flow_id: str = "echo",
        credits: int = 100,
        credits_per_run: int = 10,
        allowed_tweaks: list[str] | None = None,
    ) -> Tenant:
        owner = new_user(self.issuer, "owner")
        org = await self.cp(
            "mutation($i: OrganizationCreateInput!) { organizationCreate(input: $i) { organization { id } } }",
            {"i": {"name": "Runner Org"}},
            owner.token,
        )
        org_id = org["data"]["organizationCreate"]["organization"]["id"]
        offering = await self.cp(
            "mutation($i: OfferingCreateInput!) { offeringCreate(input: $i) { offering { id } errors { message } } }",
            {
                "i": {
                    "slug": f"agent-{uuid.uuid4().hex[:8]}",
                    "name": "Agent",
                    "flowId": flow_id,
                    "creditsPerRun": credits_per_run,
                    **({"allowedTweaks": allowed_tweaks} if allowed_tweaks is not None else {}),
                }
            },
            self.staff.token,
        )
        offering_id = offering["data"]["offeringCreate"]["offering"]["id"]
        instance = await self.cp(
            "mutation($i: InstanceProvisionInput!) { instanceProvision(input: $i) { instance { id } } }",
            {"i": {"organizationId": org_id, "offeringId": offering_id}},
            self.staff.token,
        )
        instance_id = instance["data"]["instanceProvision"]["instance"]["id"]
        if credits:
            adjusted = await self.billing(
                """mutation($i: WalletAdjustInput!) { walletAdjust(input: $i) { errors { message } } }""",
                {
                    "i": {
                        "organizationId": org_id,
                        "amount": credits,
                        "reason": "test credits",
                        "idempotencyKey": f"seed-{uuid.uuid4()}",
                    }
                },
                self.staff.token,
            )
            assert adjusted["data"]["walletAdjust"]["errors"] == [], adjusted
        return Tenant(owner, org_id, instance_id, offering_id, credits_per_run)

    async def start(
        self,
        tenant: Tenant,
        text: str = "hello world",
        key: str | None = None,
        run_input: Any = None,
    ) -> dict[str, Any]:
        """runStart with `{"input_value": text}`, or with `run_input` as the whole input."""
        given = {"input_value": text} if run_input is None else run_input
        data: dict[str, Any] = {"instanceId": tenant.instance_id, "input": given}
        if key is not None:
            data["idempotencyKey"] = key
        body = await self.ex(RUN_START, {"input": data}, tenant.owner.token)
        payload: dict[str, Any] = body["data"]["runStart"]
        return payload

    async def run(self, tenant: Tenant, run_id: str) -> dict[str, Any]:
        body = await self.ex(RUN_QUERY, {"id": run_id}, tenant.owner.token)
        run: dict[str, Any] = body["data"]["run"]
        return run

    async def wait_for(
        self,
        tenant: Tenant,
        run_id: str,
        *statuses: str,
        timeout: float = 15.0,
        settled: bool = True,
    ) -> dict[str, Any]:
        """Poll until the run reaches one of `statuses` (and, by default, is settled)."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            # Settlement first, then the run: a run read before it settled could be stale.
            was_settled = await self.is_settled(run_id)
            run = await self.run(tenant, run_id)
            if run["status"] in statuses and (not settled or was_settled):
                return run
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"run {run_id} stayed {run['status']}")
            await asyncio.sleep(0.05)

    async def is_settled(self, run_id: str) -> bool:
        from sqlalchemy import select

        from subgraphs.execution import models

        async with self.stack.execution_db.session() as session:
            return bool(
                await session.scalar(
                    select(models.Run.settled).where(models.Run.id == uuid.UUID(run_id))
                )
            )

    async def wallet(self, tenant: Tenant) -> dict[str, Any]:
        body = await self.billing(WALLET, {"org": tenant.organization_id}, tenant.owner.token)
        wallet: dict[str, Any] = body["data"]["wallet"]
        return wallet


CMP = str(Path(sys.executable).parent / "cmp")


def worker_process(world: ExecutionWorld, **env: str) -> subprocess.Popen[str]:
    """A real `cmp worker` process against the session stack, one run at a time; `env`
    overrides its settings. Its stderr is piped (read it when it fails)."""
    settings = world.stack.execution_settings
    environment = {
        **os.environ,
        "DATABASE_URL": settings.database_url,
        "CMP_SERVICE_TOKEN": SERVICE_TOKEN,
        "CONTROL_PLANE_URL": settings.control_plane_url,
        "BILLING_URL": settings.billing_url,
        "LANGFLOW_URL": settings.langflow_url,
        "LANGFLOW_API_KEY": API_KEY,
        # Were the run left to its lease, the next worker would wait this long for it.
        "RUN_LEASE_SECONDS": "30",
        "WORKER_POLL_SECONDS": "0.05",
        "WORKER_CONCURRENCY": "1",
        **env,
    }
    return subprocess.Popen(
        [CMP, "worker"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture
def world(
    stack: Stack, gql: GraphQLPost, dev_issuer: DevIssuer, router: RunningServer
) -> ExecutionWorld:
    """Everything through our router, as the storefront calls it (`.direct()` for `_entities`)."""
    staff = new_user(dev_issuer, "staff", staff=True)
    return ExecutionWorld(stack, gql, dev_issuer, staff, via=f"{router.url}/graphql")


__all__ = ["WorkerFactory"]  # `workers` lives in tests/conftest.py
