"""The webhook inbox's PostgreSQL goes away (a proxy in front of the shared server is cut): the
processor backs off with one log line at the start of the outage and one at its end (it used
to log a stack trace per poll), the router's /ready says the inbox is unavailable, deliveries
get 503 (Saleor retries them), and all is well again once the database is back."""

from __future__ import annotations

import asyncio
import logging
import uuid

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from cmp.serving import free_port, start_server
from kernel.auth.dev_issuer import DevIssuer
from kernel.auth.jwks import StaticKeySource
from router.http.app import create_app as create_router_app
from router.pipeline import Router
from router.pipeline.service import RouterConfig
from tests.conftest import SERVICE_TOKEN, SUPERGRAPH_SDL, Stack
from tests.support.tcp_proxy import database_proxy
from tests.webhooks.test_endpoint import API_URL, order_body
from tests.webhooks.test_signature import sign_like_saleor
from webhooks.saleor.service import SaleorWebhooks
from webhooks.saleor.settings import WebhookSettings
from webhooks.saleor.signature import SaleorSignatureVerifier


def outage_lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [
        r
        for r in caplog.records
        if r.name == "webhooks.saleor.processor"
        and (r.exc_info is not None or "database" in r.getMessage())
    ]


async def test_the_inbox_rides_out_a_database_outage(
    stack: Stack, database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    saleor = DevIssuer(rsa.generate_private_key(public_exponent=65537, key_size=2048), kid="s1")
    async with database_proxy(database_url) as proxy:
        settings = WebhookSettings(
            database_url=proxy.url_through(database_url),
            service_token=SERVICE_TOKEN,
            supergraph_url=f"http://127.0.0.1:{free_port()}/graphql",
        )
        verifier = SaleorSignatureVerifier({API_URL: StaticKeySource(saleor.jwks())})
        webhooks = SaleorWebhooks(settings, verifier=verifier)
        # Polling fast, so a quiet log is the backoff's doing, not a slow poll's.
        webhooks.processor.poll_seconds = 0.05
        engine = Router.from_sdl(
            SUPERGRAPH_SDL,
            RouterConfig(subgraph_urls=stack.subgraph_urls, service_token=SERVICE_TOKEN),
        )
        app = create_router_app(
            engine,
            extra_routes=webhooks.routes(),
            extra_lifespan=webhooks.running,
            readiness_checks=webhooks.readiness_checks(),
        )
        server = await start_server(app)
        body = order_body(f"T3JkZXI6{uuid.uuid4()}")
        headers = {
            "Content-Type": "application/json",
            "Saleor-Event": "ORDER_FULLY_PAID",
            "Saleor-Api-Url": API_URL,
            "Saleor-Signature": sign_like_saleor(saleor, body),
        }
        try:
            async with httpx.AsyncClient(base_url=server.url) as client:
                assert (await client.get("/ready")).status_code == 200
                caplog.set_level(logging.INFO, logger="webhooks.saleor.processor")
                await proxy.cut()
                await asyncio.sleep(3)
                ready = await client.get("/ready")
                assert ready.status_code == 503
                assert ready.json()["dependencies"] == {"webhook inbox database": "unavailable"}
                refused = await client.post("/webhooks/saleor", content=body, headers=headers)
                assert refused.status_code == 503  # Saleor delivers it again later
                lines = outage_lines(caplog)
                assert len(lines) == 1, [r.getMessage() for r in lines]
                assert "webhook inbox: database unavailable" in lines[0].getMessage()

                await proxy.restore()
                for _ in range(100):  # the processor's next attempt is at most ~2 s away
                    if len(outage_lines(caplog)) == 2:
                        break
                    await asyncio.sleep(0.1)
                messages = [r.getMessage() for r in outage_lines(caplog)]
                assert len(messages) == 2, messages
                assert "webhook inbox: database available again after" in messages[1]
                assert all(r.exc_info is None for r in outage_lines(caplog))
                assert (await client.get("/ready")).status_code == 200
                stored = await client.post("/webhooks/saleor", content=body, headers=headers)
                assert stored.status_code == 202
        finally:
            await server.stop()
