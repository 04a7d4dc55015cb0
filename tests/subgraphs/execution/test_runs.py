"""runStart, the worker, runCancel, and the ledger they leave behind."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select

from subgraphs.execution import models
from tests.fakes.langflow.app import FLOW_ERROR_LINE
from tests.subgraphs.execution.conftest import (
    RUN_CANCEL,
    RUN_START,
    ExecutionWorld,
    WorkerFactory,
)
from tests.support.users import new_user


def kinds(wallet: dict[str, Any]) -> list[tuple[str, int]]:
    return [(e["node"]["kind"], e["node"]["amount"]) for e in wallet["entries"]["edges"]]


async def runs_count(world: ExecutionWorld) -> int:
    async with world.stack.execution_db.session() as session:
        return int(await session.scalar(select(func.count()).select_from(models.Run)) or 0)


async def test_run_succeeds_and_is_charged(world: ExecutionWorld, workers: WorkerFactory) -> None:
    tenant = await world.tenant(credits=100, credits_per_run=10)
    started = await world.start(tenant, "summarize this please")
    assert started["errors"] == []
    run = started["run"]
    assert run["status"] == "QUEUED"
    assert run["input"] == {"input_value": "summarize this please"}
    assert run["creditsCharged"] == 0 and run["output"] is None
    assert run["instance"] == {"id": tenant.instance_id}
    held = await world.wallet(tenant)
    assert (held["balance"], held["reserved"], held["available"]) == (100, 10, 90)

    await workers()
    done = await world.wait_for(tenant, run["id"], "SUCCEEDED")
    assert done["output"]["text"] == "echo: summarize this please"
    assert done["creditsCharged"] == 10
    assert done["usage"]["inputTokens"] == 3 and done["usage"]["outputTokens"] == 5
    assert done["usage"]["durationMs"] >= 0
    assert done["startedAt"] and done["finishedAt"]
    wallet = await world.wallet(tenant)
    assert (wallet["balance"], wallet["reserved"], wallet["available"]) == (90, 0, 90)
    assert ("RUN_CHARGE", -10) in kinds(wallet)
    assert sum(amount for _, amount in kinds(wallet)) == wallet["balance"]
    call = [r for r in world.stack.fake_langflow.requests if r.get("session_id") == run["id"]]
    assert call and call[0]["input_value"] == "summarize this please"
    assert call[0]["input_type"] == "chat" and call[0]["output_type"] == "chat"


async def test_runtime_failure_releases_and_charges_nothing(
    world: ExecutionWorld, workers: WorkerFactory
) -> None:
    tenant = await world.tenant(flow_id="error-500", credits=50, credits_per_run=20)
    run = (await world.start(tenant))["run"]
    await workers()
    failed = await world.wait_for(tenant, run["id"], "FAILED")
    # Langflow's message, not its JSON; the flow ran once (a 500 is not retried).
    assert failed["error"] == f"Langflow error 500: {FLOW_ERROR_LINE}"
    assert world.stack.fake_langflow.executions[run["id"]] == 1
    assert failed["creditsCharged"] == 0
    wallet = await world.wallet(tenant)
    assert (wallet["balance"], wallet["reserved"], wallet["available"]) == (50, 0, 50)
    assert [k for k, _ in kinds(wallet)] == ["ADJUSTMENT"]


async def test_refused_by_runtime_is_not_retried(
    world: ExecutionWorld, workers: WorkerFactory
) -> None:
    tenant = await world.tenant(flow_id="refuse-400")
    before = world.stack.fake_langflow.calls["refuse-400"]
    run = (await world.start(tenant))["run"]
    await workers()
    failed = await world.wait_for(tenant, run["id"], "FAILED")
    assert failed["error"].startswith("Langflow error: If you pass an input_value to the chat")
    assert world.stack.fake_langflow.calls["refuse-400"] == before + 1


async def test_rejections_store_nothing(world: ExecutionWorld) -> None:
    poor = await world.tenant(credits=5, credits_per_run=10)
    other = await world.tenant()
    before = await runs_count(world)

    insufficient = await world.start(poor)
    assert insufficient["run"] is None
    assert insufficient["errors"][0]["code"] == "INSUFFICIENT_CREDITS"

    stranger = new_user(world.issuer, "stranger")
    foreign = await world.ex(
        RUN_START,
        {"input": {"instanceId": other.instance_id, "input": {"input_value": "x"}}},
        stranger.token,
    )
    assert foreign["data"]["runStart"]["errors"][0]["code"] == "NOT_FOUND"

    anonymous = await world.ex(
        RUN_START, {"input": {"instanceId": other.instance_id, "input": {"input_value": "x"}}}
    )
    assert anonymous["data"]["runStart"]["errors"][0]["code"] == "UNAUTHENTICATED"

    text = {"input_value": "x"}
    cases: list[tuple[dict[str, Any], str, str]] = [
        ({"instanceId": "not-an-id", "input": text}, "INVALID", "instanceId"),
        ({"instanceId": str(uuid.uuid4()), "input": text}, "NOT_FOUND", "instanceId"),
        (
            {"instanceId": other.instance_id, "input": {"input_value": "x" * 70000}},
            "INVALID",
            "input",
        ),
        (
            {"instanceId": other.instance_id, "input": text, "idempotencyKey": " "},
            "INVALID",
            "idempotencyKey",
        ),
    ]
    for data, code, field in cases:
        body = await world.ex(RUN_START, {"input": data}, other.owner.token)
        payload = body["data"]["runStart"]
        assert payload["run"] is None
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [(code, field)], data

    suspended = await world.cp(
        "mutation($id: ID!) { instanceSuspend(id: $id) { errors { code } } }",
        {"id": other.instance_id},
        other.owner.token,
    )
    assert suspended["data"]["instanceSuspend"]["errors"] == []
    not_active = await world.start(other)
    assert not_active["errors"][0]["code"] == "INSTANCE_NOT_ACTIVE"

    assert await runs_count(world) == before
    for tenant in (poor, other):
        wallet = await world.wallet(tenant)
        assert wallet["reserved"] == 0


async def test_idempotency_key_returns_the_same_run(world: ExecutionWorld) -> None:
    import asyncio

    tenant = await world.tenant(credits=100, credits_per_run=10)
    first, second = await asyncio.gather(
        world.start(tenant, key="order-42"), world.start(tenant, key="order-42")
    )
    again = await world.start(tenant, key="order-42")
    ids = {first["run"]["id"], second["run"]["id"], again["run"]["id"]}
    assert len(ids) == 1
    wallet = await world.wallet(tenant)
    assert wallet["reserved"] == 10  # one reservation, not three
    other_key = await world.start(tenant, key="order-43")
    assert other_key["run"]["id"] not in ids


async def test_cancel_queued_run_releases(world: ExecutionWorld) -> None:
    tenant = await world.tenant(credits=30, credits_per_run=10)
    run = (await world.start(tenant))["run"]
    cancelled = await world.ex(RUN_CANCEL, {"id": run["id"]}, tenant.owner.token)
    payload = cancelled["data"]["runCancel"]
    assert payload["errors"] == [] and payload["run"]["status"] == "CANCELLED"
    assert payload["run"]["creditsCharged"] == 0
    wallet = await world.wallet(tenant)
    assert (wallet["balance"], wallet["reserved"]) == (30, 0)
    again = await world.ex(RUN_CANCEL, {"id": run["id"]}, tenant.owner.token)
    assert again["data"]["runCancel"]["errors"][0]["code"] == "CONFLICT"
    stranger = new_user(world.issuer, "stranger")
    foreign = await world.ex(RUN_CANCEL, {"id": run["id"]}, stranger.token)
    assert foreign["data"]["runCancel"]["errors"][0]["code"] == "NOT_FOUND"


async def test_cancel_running_run_abandons_the_runtime_call(
    world: ExecutionWorld, workers: WorkerFactory
) -> None:
    tenant = await world.tenant(flow_id="slow-3", credits=30, credits_per_run=10)
    run = (await world.start(tenant))["run"]
    await workers(run_lease_seconds=0.6)
    await world.wait_for(tenant, run["id"], "RUNNING", settled=False)
    cancelled = await world.ex(RUN_CANCEL, {"id": run["id"]}, tenant.owner.token)
    assert cancelled["data"]["runCancel"]["run"]["status"] == "CANCELLED"
    final = await world.wait_for(tenant, run["id"], "CANCELLED")
    assert final["output"] is None and final["creditsCharged"] == 0
    wallet = await world.wallet(tenant)
    assert (wallet["balance"], wallet["reserved"]) == (30, 0)
    assert "RUN_CHARGE" not in [k for k, _ in kinds(wallet)]


async def test_runs_are_visible_to_members_only(world: ExecutionWorld) -> None:
    tenant = await world.tenant()
    run = (await world.start(tenant))["run"]
    stranger = new_user(world.issuer, "stranger")
    by_id = await world.ex(
        "query($id: ID!) { run(id: $id) { id } }", {"id": run["id"]}, stranger.token
    )
    assert by_id["data"]["run"] is None
    assert by_id["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    entities = """query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Run { id status } ... on Instance { runs { totalCount } } } }"""
    reps = {
        "r": [
            {"__typename": "Run", "id": run["id"]},
            {"__typename": "Instance", "id": tenant.instance_id},
        ]
    }
    direct = world.direct()  # `_entities` is the subgraphs' API, not the router's
    foreign = await direct.ex(entities, reps, stranger.token)
    # Instance.runs is nullable (contract v2): the stranger gets null runs and an error.
    assert foreign["data"]["_entities"] == [None, {"runs": None}]
    assert sorted((e["path"], e["extensions"]["code"]) for e in foreign["errors"]) == [
        (["_entities", 0], "NOT_FOUND"),
        (["_entities", 1, "runs"], "NOT_FOUND"),
    ]
    mine = await direct.ex(entities, reps, tenant.owner.token)
    assert mine["data"]["_entities"] == [
        {"id": run["id"], "status": "QUEUED"},
        {"runs": {"totalCount": 1}},
    ]


async def test_instance_runs_connection(world: ExecutionWorld) -> None:
    tenant = await world.tenant(credits=100, credits_per_run=1)
    ids = [(await world.start(tenant, f"run {n}"))["run"]["id"] for n in range(3)]
    await world.ex(RUN_CANCEL, {"id": ids[0]}, tenant.owner.token)
    query = """query($r: [_Any!]!, $first: Int, $after: String, $status: RunStatus) {
      _entities(representations: $r) { ... on Instance { runs(first: $first, after: $after, status: $status) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id status } } } } } }"""
    rep = [{"__typename": "Instance", "id": tenant.instance_id}]
    world = world.direct()  # `_entities` is the subgraphs' API, not the router's
    everything = (await world.ex(query, {"r": rep}, tenant.owner.token))["data"]["_entities"][0][
        "runs"
    ]
    assert everything["totalCount"] == 3
    assert [e["node"]["id"] for e in everything["edges"]] == list(reversed(ids))
    queued = await world.ex(query, {"r": rep, "status": "QUEUED"}, tenant.owner.token)
    assert queued["data"]["_entities"][0]["runs"]["totalCount"] == 2
    page = (await world.ex(query, {"r": rep, "first": 1}, tenant.owner.token))["data"]["_entities"][
        0
    ]["runs"]
    assert page["pageInfo"]["hasNextPage"] is True
    rest = await world.ex(
        query, {"r": rep, "first": 5, "after": page["pageInfo"]["endCursor"]}, tenant.owner.token
    )
    assert [e["node"]["id"] for e in rest["data"]["_entities"][0]["runs"]["edges"]] == [
        ids[1],
        ids[0],
    ]


async def test_orphaned_reservation_is_released(
    world: ExecutionWorld, workers: WorkerFactory
) -> None:
    tenant = await world.tenant(flow_id="slow-3", credits=100, credits_per_run=10)
    kept = (await world.start(tenant))["run"]  # a real run: its hold must stay
    orphan_key = f"run:{uuid.uuid4()}"  # what a crash between reserve and commit leaves
    reserved = await world.gql(
        world.stack.billing_url,
        """mutation($i: WalletReserveInput!) { walletReserve(input: $i) { errors { code } } }""",
        {
            "i": {
                "organizationId": tenant.organization_id,
                "amount": 15,
                "reference": "lost",
                "idempotencyKey": orphan_key,
            }
        },
        service=True,
    )
    assert reserved["data"]["walletReserve"]["errors"] == []
    assert (await world.wallet(tenant))["reserved"] == 25
    worker = await workers(orphan_reservation_seconds=0)
    await worker.release_orphans()
    wallet = await world.wallet(tenant)
    assert (wallet["balance"], wallet["reserved"]) == (100, 10)
    assert (await world.run(tenant, kept["id"]))["status"] in ("QUEUED", "RUNNING")


async def test_one_query_across_control_plane_billing_and_execution(
    world: ExecutionWorld, workers: WorkerFactory
) -> None:
    tenant = await world.tenant(credits=50, credits_per_run=5)
    run = (await world.start(tenant, "cross the graph"))["run"]
    await workers()
    await world.wait_for(tenant, run["id"], "SUCCEEDED")
    body = await world.cp(
        """query($id: ID) { organization(id: $id) {
             wallet { balance reserved available entries(first: 5) { edges { node { kind amount } } } }
             instances(first: 5) { totalCount edges { node {
               status offering { name creditsPerRun }
               runs(first: 5) { totalCount edges { node { status output creditsCharged } } }
             } } }
           } }""",
        {"id": tenant.organization_id},
        tenant.owner.token,
    )
    assert "errors" not in body, body
    assert body["data"]["organization"] == {
        "wallet": {
            "balance": 45,
            "reserved": 0,
            "available": 45,
            "entries": {
                "edges": [
                    {"node": {"kind": "RUN_CHARGE", "amount": -5}},
                    {"node": {"kind": "ADJUSTMENT", "amount": 50}},
                ]
            },
        },
        "instances": {
            "totalCount": 1,
            "edges": [
                {
                    "node": {
                        "status": "ACTIVE",
                        "offering": {"name": "Agent", "creditsPerRun": 5},
                        "runs": {
                            "totalCount": 1,
                            "edges": [
                                {
                                    "node": {
                                        "status": "SUCCEEDED",
                                        "output": {
                                            "text": "echo: cross the graph",
                                            "sessionId": run["id"],
                                            "outputs": [
                                                {
                                                    "componentId": "ChatOutput-x2",
                                                    "kind": "message",
                                                    "text": "echo: cross the graph",
                                                }
                                            ],
                                        },
                                        "creditsCharged": 5,
                                    }
                                }
                            ],
                        },
                    }
                }
            ],
        },
    }


async def test_losing_cancels_report_the_runs_current_status(
    world: ExecutionWorld, workers: WorkerFactory
) -> None:
    import asyncio

    tenant = await world.tenant(credits=100, credits_per_run=10)
    run = (await world.start(tenant))["run"]
    answers = await asyncio.gather(
        *(world.ex(RUN_CANCEL, {"id": run["id"]}, tenant.owner.token) for _ in range(12))
    )
    payloads = [answer["data"]["runCancel"] for answer in answers]
    winners = [p for p in payloads if not p["errors"]]
    assert len(winners) == 1 and winners[0]["run"]["status"] == "CANCELLED"
    for lost in (p for p in payloads if p["errors"]):
        # Not the QUEUED it read before the winner committed: the run as it is now.
        assert [(e["code"], e["field"]) for e in lost["errors"]] == [("CONFLICT", "id")]
        assert "CANCELLED" in lost["errors"][0]["message"]
        assert lost["run"]["status"] == "CANCELLED"
    wallet = await world.wallet(tenant)
    assert (wallet["balance"], wallet["reserved"]) == (100, 0)

    # Cancels racing the worker's finish: whoever loses reports the run's final status.
    racing = await world.tenant(flow_id="slow-0.2", credits=100, credits_per_run=10)
    ids = [(await world.start(racing, f"race {n}"))["run"]["id"] for n in range(4)]
    await workers()

    async def cancel_later(run_id: str, delay: float) -> dict[str, Any]:
        await asyncio.sleep(delay)
        answer = await world.ex(RUN_CANCEL, {"id": run_id}, racing.owner.token)
        payload: dict[str, Any] = answer["data"]["runCancel"]
        return payload

    attempts = [(run_id, n * 0.05) for run_id in ids for n in range(8)]
    results = await asyncio.gather(*(cancel_later(run_id, delay) for run_id, delay in attempts))
    for (run_id, _), payload in zip(attempts, results, strict=True):
        final = await world.wait_for(racing, run_id, "SUCCEEDED", "CANCELLED")
        if payload["errors"]:
            assert payload["run"]["status"] == final["status"], (payload, final)
            assert final["status"] in payload["errors"][0]["message"]
        else:
            assert final["status"] == "CANCELLED"
