"""The billing subgraph's ASGI app: `uvicorn subgraphs.billing.app:app --factory`-style via
`create_app`, or `cmp serve`."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from kernel.service_client import ServiceClient
from kernel.settings import BillingSettings
from subgraphs.billing.context import ORGANIZATION_DIRECTORY, make_context
from subgraphs.billing.schema import schema
from subgraphs.common.app import Resources, create_subgraph_app
from subgraphs.common.organization_access import OrganizationDirectory

__all__ = ["create_app", "schema"]


def create_app(
    settings: BillingSettings | None = None,
    http_transport: httpx.AsyncBaseTransport | None = None,
) -> FastAPI:
    settings = settings or BillingSettings()

    async def on_startup(resources: Resources) -> None:
        client = ServiceClient.internal(
            "control-plane",
            settings.control_plane_url,
            settings.service_token,
            timeout_seconds=settings.http_timeout_seconds,
            http_transport=http_transport,
        )
        await client.connect()
        resources.extras["control_plane_client"] = client  # closed at shutdown
        resources.extras[ORGANIZATION_DIRECTORY] = OrganizationDirectory(client)
        # Tests and tools reach the live pool through here (e.g. to count SQL statements).
        app.state.resources = resources

    app = create_subgraph_app(
        "billing",
        schema,
        settings,
        make_context,
        on_startup=on_startup,
        http_transport=http_transport,
    )
    return app
