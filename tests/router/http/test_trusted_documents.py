"""Trusted documents through the real router over HTTP: with a manifest enforced, a listed
document is served by id, by APQ hash and by full text, on POST, GET, SSE and WebSocket;
anything else is refused with Apollo Router's codes and statuses before a subgraph is asked;
APQ cannot register its way around the list; development and our own services stay open."""

from __future__ import annotations

import hashlib
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import httpx
import orjson
import pytest

from cmp.serving import RunningServer, start_server
from kernel.auth.authenticate import SERVICE_TOKEN_HEADER
from router.http import create_app
from router.http.options import HttpOptions
from router.pipeline import Router, RouterConfig
from router.supergraph import load_supergraph
from tests.router.conftest import Stack
from tests.router.fixtures.compose import supergraph_path
from tests.router.fixtures.live import LiveRuns, Script, build
from tests.router.http.support import served

ME = "query Me { me { name } }"
USERS = "{ users { name } }"  # valid, never listed
ADD = 'mutation Add { createUser(name: "Grace") { name } }'
PREFLIGHT = {"apollo-require-preflight": "true"}
TOKEN = "service-secret"


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def codegen_manifest(path: Path, *documents: str) -> Path:
    """GraphQL Code Generator's persisted-documents.json."""
    path.write_text(json.dumps({f"sha256:{sha(d)}": d for d in documents}))
    return path


def apq(text: str) -> dict[str, Any]:
    return {"persistedQuery": {"version": 1, "sha256Hash": sha(text)}}


def code(response: httpx.Response) -> str:
    return str(response.json()["errors"][0]["extensions"]["code"])


async def metric(client: httpx.AsyncClient, outcome: str) -> float:
    for line in (await client.get("/metrics")).text.splitlines():
        if line.startswith(f'router_trusted_documents_total{{outcome="{outcome}"}}'):
            return float(line.split()[-1])
    return 0.0


async def test_a_listed_document_is_served_by_id_hash_and_text(
    shop_stack: Stack, tmp_path: Path
) -> None:
    manifest = codegen_manifest(tmp_path / "persisted-documents.json", ME, ADD)
    async with served(shop_stack, trusted_document_files=(manifest,)) as client:
        answers = [
            await client.post("/graphql", json={"documentId": f"sha256:{sha(ME)}"}),
            await client.post("/graphql", json={"documentId": sha(ME).upper()}),  # bare, any case
            await client.post("/graphql", json={"extensions": apq(ME)}),  # APQ hash alone
            await client.post("/graphql", json={"query": ME}),
            await client.post("/graphql", json={"query": ME, "extensions": apq(ME)}),
        ]
        listed = await metric(client, "listed")
    for answer in answers:
        assert answer.status_code == 200, answer.text
        assert answer.json() == {"data": {"me": {"name": "Ada Lovelace"}}}
    assert listed == 5


async def test_anything_else_is_refused_before_any_subgraph_is_asked(
    shop_stack: Stack, tmp_path: Path
) -> None:
    manifest = codegen_manifest(tmp_path / "persisted-documents.json", ME)
    async with served(shop_stack, trusted_document_files=(manifest,)) as client:
        unlisted = await client.post("/graphql", json={"query": USERS})
        # The same operation with other whitespace is another document: not listed.
        respaced = await client.post("/graphql", json={"query": ME.replace(" { ", "{")})
        unknown_id = await client.post(
            "/graphql", json={"documentId": f"sha256:{sha(USERS)}", "operationName": "Users"}
        )
        custom_id = await client.post("/graphql", json={"documentId": "nope"})
        # Invalid GraphQL is refused as unlisted, never parsed.
        garbage = await client.post("/graphql", json={"query": "{ ((("})
        both = await client.post("/graphql", json={"documentId": f"sha256:{sha(ME)}", "query": ME})
        refused = await metric(client, "refused")
    assert unlisted.status_code == 403 and code(unlisted) == "QUERY_NOT_IN_SAFELIST"
    assert "not in the trusted documents list" in unlisted.json()["errors"][0]["message"]
    assert "data" not in unlisted.json()
    assert respaced.status_code == 403
    assert unknown_id.status_code == 404 and code(unknown_id) == "PERSISTED_QUERY_NOT_IN_LIST"
    assert unknown_id.json()["errors"][0]["extensions"]["operationName"] == "Users"
    assert custom_id.status_code == 404 and code(custom_id) == "PERSISTED_QUERY_NOT_IN_LIST"
    assert garbage.status_code == 403 and code(garbage) == "QUERY_NOT_IN_SAFELIST"
    assert both.status_code == 400 and "not both" in both.json()["errors"][0]["message"]
    assert refused == 5
    assert shop_stack.requests_to("accounts") == []


async def test_apq_cannot_register_an_unlisted_document(shop_stack: Stack, tmp_path: Path) -> None:
    manifest = codegen_manifest(tmp_path / "persisted-documents.json", ME)
    async with served(shop_stack, trusted_document_files=(manifest,)) as client:
        register = await client.post("/graphql", json={"query": USERS, "extensions": apq(USERS)})
        by_hash = await client.post("/graphql", json={"extensions": apq(USERS)})
    assert register.status_code == 403 and code(register) == "QUERY_NOT_IN_SAFELIST"
    # Not PERSISTED_QUERY_NOT_FOUND: an APQ client would retry with the text, refused again.
    assert by_hash.status_code == 404 and code(by_hash) == "PERSISTED_QUERY_NOT_IN_LIST"
    assert shop_stack.requests_to("accounts") == []


async def test_an_apollo_manifest_serves_its_ids_and_texts(
    shop_stack: Stack, tmp_path: Path
) -> None:
    manifest = tmp_path / "persisted-query-manifest.json"
    manifest.write_text(
        json.dumps(
            {
                "format": "apollo-persisted-query-manifest",
                "version": 1,
                "operations": [
                    {"id": sha(ME), "body": ME, "name": "Me", "type": "query"},
                    {"id": "relay-style-7", "body": USERS, "name": "Users", "type": "query"},
                ],
            }
        )
    )
    async with served(shop_stack, trusted_document_files=(manifest,)) as client:
        by_id = await client.post("/graphql", json={"documentId": "relay-style-7"})
        by_its_hash = await client.post("/graphql", json={"documentId": f"sha256:{sha(USERS)}"})
        by_text = await client.post("/graphql", json={"query": ME})
        refused = await client.post("/graphql", json={"query": "{ me { id } }"})
    assert by_id.json() == by_its_hash.json()
    assert by_id.json()["data"]["users"][0] == {"name": "Ada Lovelace"}
    assert by_text.json() == {"data": {"me": {"name": "Ada Lovelace"}}}
    assert refused.status_code == 403


async def test_get_requests_obey_the_list(shop_stack: Stack, tmp_path: Path) -> None:
    manifest = codegen_manifest(tmp_path / "persisted-documents.json", ME, ADD)
    async with served(shop_stack, trusted_document_files=(manifest,)) as client:
        by_id = await client.get(
            "/graphql", params={"documentId": f"sha256:{sha(ME)}"}, headers=PREFLIGHT
        )
        by_text = await client.get("/graphql", params={"query": ME}, headers=PREFLIGHT)
        unlisted = await client.get("/graphql", params={"query": USERS}, headers=PREFLIGHT)
        mutation = await client.get(
            "/graphql", params={"documentId": f"sha256:{sha(ADD)}"}, headers=PREFLIGHT
        )
    assert by_id.status_code == 200 and by_id.json() == by_text.json()
    assert by_id.json() == {"data": {"me": {"name": "Ada Lovelace"}}}
    assert unlisted.status_code == 403 and code(unlisted) == "QUERY_NOT_IN_SAFELIST"
    # A listed mutation is still not run by GET.
    assert mutation.status_code == 405 and code(mutation) == "METHOD_NOT_ALLOWED"
    assert shop_stack.mutation_log == []


async def test_development_serves_unlisted_documents_and_counts_them(
    shop_stack: Stack, tmp_path: Path
) -> None:
    manifest = codegen_manifest(tmp_path / "persisted-documents.json", ME)
    async with served(
        shop_stack, trusted_document_files=(manifest,), allow_arbitrary_documents=True
    ) as client:
        unlisted = await client.post("/graphql", json={"query": USERS})
        by_id = await client.post("/graphql", json={"documentId": f"sha256:{sha(ME)}"})
        unknown_id = await client.post("/graphql", json={"documentId": "nope"})
        # An unlisted APQ hash is APQ's business: the client is asked for the text.
        apq_miss = await client.post("/graphql", json={"extensions": apq(USERS)})
        allowed = await metric(client, "unlisted_allowed")
    assert unlisted.status_code == 200 and "users" in unlisted.json()["data"]
    assert by_id.json() == {"data": {"me": {"name": "Ada Lovelace"}}}
    assert unknown_id.status_code == 404 and code(unknown_id) == "PERSISTED_QUERY_NOT_IN_LIST"
    assert apq_miss.status_code == 200 and code(apq_miss) == "PERSISTED_QUERY_NOT_FOUND"
    assert allowed == 2


async def test_our_services_with_the_credential_may_run_unlisted_documents(
    shop_stack: Stack, tmp_path: Path
) -> None:
    manifest = codegen_manifest(tmp_path / "persisted-documents.json", ME)
    async with served(
        shop_stack, trusted_document_files=(manifest,), service_token=TOKEN
    ) as client:
        service = await client.post(
            "/graphql", json={"query": USERS}, headers={SERVICE_TOKEN_HEADER: TOKEN}
        )
        forged = await client.post(
            "/graphql", json={"query": USERS}, headers={SERVICE_TOKEN_HEADER: "guess"}
        )
        client_call = await client.post("/graphql", json={"query": USERS})
        counted = await metric(client, "trusted_caller")
    assert service.status_code == 200 and "users" in service.json()["data"]
    assert forged.status_code == 401
    assert client_call.status_code == 403
    assert counted == 1


async def test_the_playground_page_is_served_while_the_list_is_enforced(
    shop_stack: Stack, tmp_path: Path
) -> None:
    manifest = codegen_manifest(tmp_path / "persisted-documents.json", ME)
    async with served(
        shop_stack, HttpOptions(playground=True), trusted_document_files=(manifest,)
    ) as client:
        page = await client.get("/graphql", headers={"accept": "text/html"})
        # Its operations are ordinary requests: refused when unlisted.
        operation = await client.post("/graphql", json={"query": USERS})
    # 503 when the playground's npm assets are not installed: a page either way, never a refusal.
    assert page.status_code in (200, 503)
    assert page.headers["content-type"].startswith("text/html")
    assert operation.status_code == 403


async def test_without_manifests_nothing_changes_but_ids_cannot_be_looked_up(
    shop_stack: Stack,
) -> None:
    async with served(shop_stack) as client:
        text = await client.post("/graphql", json={"query": USERS})
        by_id = await client.post("/graphql", json={"documentId": f"sha256:{sha(USERS)}"})
        body = (await client.get("/metrics")).text
    assert text.status_code == 200
    assert by_id.status_code == 404 and code(by_id) == "PERSISTED_QUERY_NOT_IN_LIST"
    assert 'router_trusted_documents_total{outcome="listed"}' not in body


# Subscriptions: the same list over SSE and graphql-transport-ws.

SUBSCRIPTION = "subscription Watch($id: ID!) { runUpdated(id: $id) { status } }"
UNLISTED_SUBSCRIPTION = 'subscription { runUpdated(id: "r1") { step } }'


@pytest.fixture
async def live(tmp_path: Path) -> AsyncIterator[tuple[LiveRuns, RunningServer]]:
    runs, catalog = build()
    assert isinstance(runs, LiveRuns)
    runs.script = Script()
    servers = [await start_server(runs.app()), await start_server(catalog.app())]
    manifest = codegen_manifest(tmp_path / "persisted-documents.json", SUBSCRIPTION)
    router = Router(
        load_supergraph(supergraph_path("live").read_text()),
        RouterConfig(
            subgraph_urls={
                "runs": f"{servers[0].url}/graphql",
                "catalog": f"{servers[1].url}/graphql",
            },
            trusted_document_files=(manifest,),
        ),
    )
    server = await start_server(create_app(router, HttpOptions(csrf_required_headers=())))
    yield runs, server
    for running in (server, *servers):
        await running.stop()


def _events(body: str) -> list[str]:
    return [
        line.removeprefix("event:").strip()
        for line in body.splitlines()
        if line.startswith("event:")
    ]


async def test_sse_subscriptions_obey_the_list(live: tuple[LiveRuns, RunningServer]) -> None:
    runs, server = live
    sse = {"accept": "text/event-stream"}
    async with httpx.AsyncClient(base_url=server.url) as client:
        listed = await client.post(
            "/graphql",
            json={"documentId": f"sha256:{sha(SUBSCRIPTION)}", "variables": {"id": "r1"}},
            headers=sse,
        )
        refused = await client.post("/graphql", json={"query": UNLISTED_SUBSCRIPTION}, headers=sse)
        refused_get = await client.get(
            "/graphql", params={"query": UNLISTED_SUBSCRIPTION}, headers=sse
        )
    assert _events(listed.text) == ["next", "next", "next", "complete"]
    assert refused.status_code == 403 and code(refused) == "QUERY_NOT_IN_SAFELIST"
    assert refused_get.status_code == 403
    assert len(runs.socket_headers) == 1  # only the listed subscription reached the subgraph


async def test_websocket_subscriptions_obey_the_list(
    live: tuple[LiveRuns, RunningServer],
) -> None:
    runs, server = live
    url = f"{server.url}/graphql".replace("http://", "ws://")
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(url, protocols=("graphql-transport-ws",)) as socket,
    ):

        async def receive() -> dict[str, Any]:
            message = await socket.receive(timeout=5)
            result: dict[str, Any] = orjson.loads(message.data)
            return result

        await socket.send_json({"type": "connection_init"})
        assert await receive() == {"type": "connection_ack"}
        await socket.send_json(
            {"id": "x", "type": "subscribe", "payload": {"query": UNLISTED_SUBSCRIPTION}}
        )
        refused = await receive()
        await socket.send_json(
            {
                "id": "y",
                "type": "subscribe",
                "payload": {"documentId": f"sha256:{sha(SUBSCRIPTION)}", "variables": {"id": "r1"}},
            }
        )
        served_events = [await receive() for _ in range(4)]
    assert refused["type"] == "error" and refused["id"] == "x"
    assert refused["payload"][0]["extensions"]["code"] == "QUERY_NOT_IN_SAFELIST"
    assert [m["type"] for m in served_events] == ["next", "next", "next", "complete"]
    assert served_events[2]["payload"] == {"data": {"runUpdated": {"status": "SUCCEEDED"}}}
    assert len(runs.socket_headers) == 1
