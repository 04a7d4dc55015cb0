"""The control-plane ASGI app."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from kernel.service_client import ServiceClient
from kernel.settings import ControlPlaneSettings
from subgraphs.common.app import Resources, create_subgraph_app
from subgraphs.control_plane.context import BILLING_CLIENT, ORDER_PROCESSOR, make_context
from subgraphs.control_plane.orders import OrderProcessor
from subgraphs.control_plane.saleor_orders import SaleorOrders
from subgraphs.control_plane.schema import schema


def create_app(
    settings: ControlPlaneSettings | None = None,
    http_transport: httpx.AsyncBaseTransport | None = None,
) -> FastAPI:
    chosen = settings or ControlPlaneSettings()

    async def on_startup(resources: Resources) -> None:
        timeout = chosen.http_timeout_seconds
        billing = ServiceClient.internal(
            "billing", chosen.billing_url, chosen.service_token, timeout, http_transport
        )
        await billing.connect()
        resources.extras[BILLING_CLIENT] = billing
        saleor = None
        if chosen.saleor_api_url and chosen.saleor_app_token:
            saleor = ServiceClient(
                "Saleor",
                chosen.saleor_api_url,
                {"Authorization": f"Bearer {chosen.saleor_app_token}"},
                timeout,
                http_transport,
            )
            await saleor.connect()
            resources.extras["saleor_client"] = saleor
        resources.extras[ORDER_PROCESSOR] = OrderProcessor(
            resources.db, SaleorOrders(saleor), billing, chosen.max_instances_per_line
        )

    return create_subgraph_app(
        "control-plane",
        schema,
        chosen,
        make_context,
        on_startup=on_startup,
        http_transport=http_transport,
    )
