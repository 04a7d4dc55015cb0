"""POST /webhooks/saleor over real HTTP: verify, store durably, acknowledge; and the inbox's
retries. Deliveries are signed the way Saleor signs them (detached RS256 JWS)."""

from __future__ import annotations

import asyncio
import base64
import json
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import func, select
from starlette.applications import Starlette

from cmp.serving import RunningServer, free_port, start_server
from kernel.auth.dev_issuer import DevIssuer
from kernel.auth.jwks import StaticKeySource
from kernel.database import Database
from tests.conftest import SERVICE_TOKEN
from tests.support.chunked import stream_chunked
from tests.webhooks.test_signature import sign_like_saleor
from webhooks.saleor.models import SaleorDelivery
from webhooks.saleor.service import SaleorWebhooks
from webhooks.saleor.settings import WebhookSettings
from webhooks.saleor.signature import SaleorSignatureVerifier

API_URL = "https://shop.example.com/graphql/"


@dataclass
class Endpoint:
    server: RunningServer
    webhooks: SaleorWebhooks
    saleor: DevIssuer
    db: Database

    @property
    def url(self) -> str:
        return f"{self.server.url}/webhooks/saleor"

    def headers(
        self,
        body: bytes,
        event: str = "ORDER_FULLY_PAID",
        api_url: str = API_URL,
        signer: DevIssuer | None = None,
    ) -> dict[str, str]:
        return {
            "Content-Type": "application/json",
            "Saleor-Event": event,
            "Saleor-Domain": "shop.example.com",
            "Saleor-Api-Url": api_url,
            "Saleor-Signature": sign_like_saleor(signer or self.saleor, body),
        }

    async def stored(self, order_id: str) -> list[SaleorDelivery]:
        async with self.db.session() as session:
            rows = await session.scalars(
                select(SaleorDelivery).where(SaleorDelivery.order_id == order_id)
            )
            return list(rows.all())

    async def total(self) -> int:
        async with self.db.session() as session:
            return int(await session.scalar(select(func.count()).select_from(SaleorDelivery)) or 0)


def order_body(order_id: str) -> bytes:
    """The legacy ORDER_FULLY_PAID shape: a JSON array with the order object."""
    return json.dumps([{"type": "Order", "id": order_id, "number": 7, "lines": []}]).encode()


@pytest.fixture
async def endpoint(database_url: str) -> AsyncIterator[Endpoint]:
    saleor = DevIssuer(
        rsa.generate_private_key(public_exponent=65537, key_size=2048), kid="saleor-1"
    )
    # Nothing listens at this supergraph URL: every processing attempt fails and is retried.
    settings = WebhookSettings(
        database_url=database_url,
        service_token=SERVICE_TOKEN,
        supergraph_url=f"http://127.0.0.1:{free_port()}/graphql",
        webhook_max_attempts=3,
        webhook_backoff_seconds=0.05,
        webhook_max_body_bytes=4096,
    )
    verifier = SaleorSignatureVerifier({API_URL: StaticKeySource(saleor.jwks())})
    webhooks = SaleorWebhooks(settings, verifier=verifier)
    await webhooks.start()
    server = await start_server(Starlette(routes=webhooks.routes()))
    db = Database(database_url, pool_size=2)
    try:
        yield Endpoint(server, webhooks, saleor, db)
    finally:
        await server.stop()
        await webhooks.stop()
        await db.dispose()


async def test_verified_delivery_is_stored_before_the_answer(endpoint: Endpoint) -> None:
    order_id = f"T3JkZXI6{uuid.uuid4()}"
    body = order_body(order_id)
    async with httpx.AsyncClient() as http:
        response = await http.post(endpoint.url, content=body, headers=endpoint.headers(body))
    assert response.status_code == 202
    rows = await endpoint.stored(order_id)
    assert [str(r.id) for r in rows] == [response.json()["delivery"]]
    assert rows[0].body == body.decode()
    assert rows[0].event == "order_fully_paid"
    assert rows[0].api_url == API_URL


async def test_rejections_change_nothing(endpoint: Endpoint) -> None:
    order_id = f"T3JkZXI6{uuid.uuid4()}"
    body = order_body(order_id)
    stranger = DevIssuer(
        rsa.generate_private_key(public_exponent=65537, key_size=2048), kid="saleor-1"
    )
    before = await endpoint.total()
    async with httpx.AsyncClient() as http:
        cases = {
            "unsigned": {
                k: v for k, v in endpoint.headers(body).items() if k != "Saleor-Signature"
            },
            "forged (other key, same kid)": endpoint.headers(body, signer=stranger),
            "unknown Saleor": endpoint.headers(body, api_url="https://evil.example/graphql/"),
        }
        for reason, headers in cases.items():
            response = await http.post(endpoint.url, content=body, headers=headers)
            assert response.status_code == 401, reason
            assert response.json() == {"error": "signature rejected"}
        tampered = body.replace(b'"number": 7', b'"number": 8')
        response = await http.post(endpoint.url, content=tampered, headers=endpoint.headers(body))
        assert response.status_code == 401
        ignored = await http.post(
            endpoint.url, content=body, headers=endpoint.headers(body, event="ORDER_CREATED")
        )
        assert (ignored.status_code, ignored.json()) == (200, {"ignored": "order_created"})
        no_order = b'{"hello": "world"}'
        response = await http.post(
            endpoint.url, content=no_order, headers=endpoint.headers(no_order)
        )
        assert response.status_code == 400
        huge = b"[" + b" " * 5000 + b"]"
        response = await http.post(endpoint.url, content=huge, headers=endpoint.headers(huge))
        assert response.status_code == 413
    assert await endpoint.total() == before


async def test_failed_processing_is_retried_with_backoff_then_given_up(endpoint: Endpoint) -> None:
    order_id = f"T3JkZXI6{uuid.uuid4()}"
    body = order_body(order_id)
    async with httpx.AsyncClient() as http:
        response = await http.post(endpoint.url, content=body, headers=endpoint.headers(body))
    assert response.status_code == 202
    for _ in range(200):
        rows = await endpoint.stored(order_id)
        if rows[0].status == "FAILED":
            break
        await asyncio.sleep(0.05)
    row = (await endpoint.stored(order_id))[0]
    assert row.status == "FAILED"
    assert row.attempts == 3
    assert row.last_error is not None
    assert "UNAVAILABLE" in row.last_error
    assert await endpoint.webhooks.inbox.replay(row.id)
    replayed = (await endpoint.stored(order_id))[0]
    assert replayed.status in ("PENDING", "FAILED")
    assert not await endpoint.webhooks.inbox.replay(uuid.uuid4())


async def test_concurrent_deliveries_are_all_stored(endpoint: Endpoint) -> None:
    order_id = f"T3JkZXI6{uuid.uuid4()}"
    body = order_body(order_id)
    async with httpx.AsyncClient() as http:
        responses = await asyncio.gather(
            *(
                http.post(endpoint.url, content=body, headers=endpoint.headers(body))
                for _ in range(20)
            )
        )
    assert [r.status_code for r in responses] == [202] * 20
    assert len(await endpoint.stored(order_id)) == 20


async def test_cli_lists_and_replays(endpoint: Endpoint, database_url: str) -> None:
    from typer.testing import CliRunner

    from cmp.cli import app

    order_id = f"T3JkZXI6{uuid.uuid4()}"
    body = order_body(order_id)
    async with httpx.AsyncClient() as http:
        response = await http.post(endpoint.url, content=body, headers=endpoint.headers(body))
    delivery_id = response.json()["delivery"]
    runner = CliRunner()
    env = {"DATABASE_URL": database_url}
    listed = await asyncio.to_thread(runner.invoke, app, ["webhooks", "list"], env=env)
    assert listed.exit_code == 0, listed.output
    assert delivery_id in listed.output
    assert order_id in listed.output
    replayed = await asyncio.to_thread(
        runner.invoke, app, ["webhooks", "replay", delivery_id], env=env
    )
    assert (replayed.exit_code, replayed.output.strip()) == (0, f"queued {delivery_id} again")
    missing = await asyncio.to_thread(
        runner.invoke, app, ["webhooks", "replay", str(uuid.uuid4())], env=env
    )
    assert missing.exit_code == 1


async def test_a_chunked_body_past_the_limit_is_cut_off_unread(endpoint: Endpoint) -> None:
    """The whole body used to be read before any check (300 MB: 715 MB of RSS); now it is
    counted as it arrives and the connection closed at the limit (4,096 bytes here)."""
    before = await endpoint.total()
    host, port = endpoint.server.host, endpoint.server.port
    headers = {"Content-Type": "application/json", "Saleor-Event": "ORDER_FULLY_PAID"}
    flood = await stream_chunked(host, port, "/webhooks/saleor", headers, 64 * 2**20)
    past = await stream_chunked(host, port, "/webhooks/saleor", headers, 2 * 65536, False)
    assert flood.refused and not flood.stalled
    assert flood.sent < 16 * 2**20
    assert past.status == 413
    assert b"connection: close" in past.response.lower()
    assert await endpoint.total() == before


async def test_deep_json_is_refused_signed_or_not(endpoint: Endpoint) -> None:
    before = await endpoint.total()
    async with httpx.AsyncClient() as http:
        # Signed by the right Saleor, but nested past the limit (and past orjson's own
        # ceiling): a clear 400, nothing stored.
        for depth in (100, 1500):
            body = b'{"order": {"id": "T3JkZXI6MQ==", "x": ' + b"[" * depth + b"]" * depth + b"}}"
            signed = await http.post(endpoint.url, content=body, headers=endpoint.headers(body))
            assert signed.status_code == 400
            assert signed.json() == {"error": "the body nests JSON deeper than 64 levels"}
        # A JWS header nested deep enough to exhaust a recursive JSON parser: still a 401.
        deep = b"[" * 5000 + b"]" * 5000
        header = base64.urlsafe_b64encode(deep).rstrip(b"=").decode()
        body = order_body("T3JkZXI6Mg==")
        forged = await http.post(
            endpoint.url,
            content=body,
            headers={**endpoint.headers(body), "Saleor-Signature": f"{header}..AAAA"},
        )
    assert forged.status_code == 401
    assert await endpoint.total() == before
