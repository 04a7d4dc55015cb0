"""`subscription { runUpdated }` through the router, over SSE and WebSocket: the run now, then
every change made by the worker (another connection, as on another host), fields of other
subgraphs resolved for every event, completion once the run is settled; strangers get
NOT_FOUND; a finished run sends its final state and completes."""

from __future__ import annotations

import asyncio
import itertools
from typing import Any

import aiohttp
import orjson
import pytest

from subgraphs.execution import subscriptions
from tests.subgraphs.execution.conftest import ExecutionWorld, WorkerFactory
from tests.support.users import new_user

WATCH = """subscription Watch($id: ID!) {
  runUpdated(id: $id) {
    id status output creditsCharged
    instance { id offering { name } organization { wallet { available } } }
  }
}"""


async def _sse(world: ExecutionWorld, token: str, run_id: str) -> list[tuple[str, Any]]:
    assert world.via is not None
    async with aiohttp.ClientSession() as session:
        response = await session.post(
            world.via,
            json={"query": WATCH, "variables": {"id": run_id}},
            headers={"accept": "text/event-stream", "authorization": f"Bearer {token}"},
            timeout=aiohttp.ClientTimeout(total=30),
        )
        assert response.status == 200, await response.text()
        body = await response.text()
    events: list[tuple[str, Any]] = []
    for block in body.split("\n\n"):
        fields = dict(
            line.split(":", 1) for line in block.splitlines() if line and not line.startswith(":")
        )
        if fields:
            data = fields.get("data", "").strip()
            events.append((fields["event"].strip(), orjson.loads(data) if data else None))
    return events


async def test_a_member_watches_the_run_to_its_charge(
    world: ExecutionWorld, workers: WorkerFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Only PostgreSQL's notifications can wake the stream: no safety polling in this test.
    monkeypatch.setattr(subscriptions, "SAFETY_POLL_SECONDS", 3600.0)
    tenant = await world.tenant(credits=100, credits_per_run=10)
    run = (await world.start(tenant, "watch me"))["run"]
    watching = asyncio.create_task(_sse(world, tenant.owner.token, run["id"]))
    await asyncio.sleep(0.3)  # subscribed while QUEUED: the worker's changes arrive as events
    await workers()
    events = await asyncio.wait_for(watching, 30)

    assert events[-1] == ("complete", None)
    payloads = [data["data"]["runUpdated"] for kind, data in events if kind == "next"]
    statuses = [p["status"] for p in payloads]
    assert statuses[0] == "QUEUED"
    assert "SUCCEEDED" in statuses
    assert statuses.index("SUCCEEDED") > statuses.index("QUEUED")
    assert all("errors" not in data for kind, data in events if kind == "next")
    final = payloads[-1]
    assert final["status"] == "SUCCEEDED"
    assert final["output"]["text"] == "echo: watch me"
    assert final["creditsCharged"] == 10  # the stream ends only after settlement
    # Every event resolves control-plane's and billing's fields too.
    for payload in payloads:
        assert payload["instance"]["id"] == tenant.instance_id
        assert payload["instance"]["offering"] == {"name": "Agent"}
        assert isinstance(payload["instance"]["organization"]["wallet"]["available"], int)
    assert payloads[-1]["instance"]["organization"]["wallet"]["available"] == 90
    # No two consecutive events are the same state.
    assert all(a != b for a, b in itertools.pairwise(payloads))


async def test_a_finished_run_sends_its_final_state_and_completes(
    world: ExecutionWorld, workers: WorkerFactory
) -> None:
    tenant = await world.tenant(credits=100, credits_per_run=10)
    run = (await world.start(tenant, "done already"))["run"]
    await workers()
    await world.wait_for(tenant, run["id"], "SUCCEEDED")
    events = await _sse(world, tenant.owner.token, run["id"])
    assert [kind for kind, _ in events] == ["next", "complete"]
    assert events[0][1]["data"]["runUpdated"]["status"] == "SUCCEEDED"
    assert events[0][1]["data"]["runUpdated"]["creditsCharged"] == 10


async def test_strangers_and_unknown_runs_get_not_found(world: ExecutionWorld) -> None:
    tenant = await world.tenant(credits=100, credits_per_run=10)
    run = (await world.start(tenant, "private"))["run"]
    stranger = new_user(world.issuer, "stranger")
    for token, run_id in (
        (stranger.token, run["id"]),
        (tenant.owner.token, "00000000-0000-0000-0000-000000000000"),
        (tenant.owner.token, "not-an-id"),
    ):
        events = await _sse(world, token, run_id)
        assert [kind for kind, _ in events] == ["next", "complete"]
        payload = events[0][1]
        assert payload["data"] is None
        assert payload["errors"][0]["extensions"]["code"] == "NOT_FOUND"
        assert "private" not in orjson.dumps(payload).decode()
    # Leave no queued run behind for later tests' workers.
    await world.ex(
        "mutation($id: ID!) { runCancel(id: $id) { errors { code } } }",
        {"id": run["id"]},
        tenant.owner.token,
    )


async def test_websocket_clients_watch_a_cancelled_run(world: ExecutionWorld) -> None:
    tenant = await world.tenant(credits=100, credits_per_run=10)
    run = (await world.start(tenant, "cancel me"))["run"]
    assert world.via is not None
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(
            world.via.replace("http://", "ws://"), protocols=("graphql-transport-ws",)
        ) as socket,
    ):
        await socket.send_json(
            {
                "type": "connection_init",
                "payload": {"Authorization": f"Bearer {tenant.owner.token}"},
            }
        )
        assert (await socket.receive_json(timeout=10))["type"] == "connection_ack"
        await socket.send_json(
            {
                "id": "1",
                "type": "subscribe",
                "payload": {"query": WATCH, "variables": {"id": run["id"]}},
            }
        )
        first = await socket.receive_json(timeout=10)
        assert first["payload"]["data"]["runUpdated"]["status"] == "QUEUED"
        cancelled = await world.ex(
            "mutation($id: ID!) { runCancel(id: $id) { errors { code } } }",
            {"id": run["id"]},
            tenant.owner.token,
        )
        assert cancelled["data"]["runCancel"]["errors"] == []
        messages = [await socket.receive_json(timeout=15)]
        while messages[-1]["type"] != "complete":
            messages.append(await socket.receive_json(timeout=15))
    final = messages[-2]["payload"]["data"]["runUpdated"]
    assert final["status"] == "CANCELLED"
    assert final["creditsCharged"] == 0
    assert final["instance"]["organization"]["wallet"]["available"] == 100
