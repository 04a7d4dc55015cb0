"""The billing subgraph's ASGI app: `uvicorn subgraphs.billing.app:app --factory`-style via
`create_app`, or `cmp serve`."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from kernel.service_client import ServiceClient
from kernel.settings import BillingSettings
from subgraphs.billing.clients import ControlPlane
from subgraphs.billing.context import BillingResources, make_context
from subgraphs.billing.schema import schema
from subgraphs.common.app import Resources, create_subgraph_app

__all__ = ["create_app", "schema"]


def create_app(
    settings: BillingSettings | None = None,
    http_transport: httpx.AsyncBaseTransport | None = None,
) -> FastAPI:
    chosen = settings or BillingSettings()

    async def start(base: Resources[BillingSettings]) -> BillingResources:
        control_plane = ControlPlane(
            ServiceClient.internal(
                "control-plane",
                chosen.control_plane_url,
                chosen.service_token,
                timeout_seconds=chosen.http_timeout_seconds,
                http_transport=http_transport,
            )
        )
        await control_plane.connect()
        return BillingResources(**base.shared_fields(), control_plane=control_plane)

    return create_subgraph_app(
        "billing", schema, chosen, start, make_context, http_transport=http_transport
    )
