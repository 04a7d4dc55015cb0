"""The control-plane ASGI app."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from kernel.service_client import ServiceClient
from kernel.settings import ControlPlaneSettings
from subgraphs.common.app import Resources, create_subgraph_app
from subgraphs.control_plane.clients import Billing, SaleorOrders
from subgraphs.control_plane.context import ControlPlaneResources, make_context
from subgraphs.control_plane.orders import OrderProcessor
from subgraphs.control_plane.schema import schema


def create_app(
    settings: ControlPlaneSettings | None = None,
    http_transport: httpx.AsyncBaseTransport | None = None,
) -> FastAPI:
    chosen = settings or ControlPlaneSettings()

    async def start(base: Resources[ControlPlaneSettings]) -> ControlPlaneResources:
        timeout = chosen.http_timeout_seconds
        billing = Billing(
            ServiceClient.internal(
                "billing", chosen.billing_url, chosen.service_token, timeout, http_transport
            )
        )
        await billing.connect()
        saleor = SaleorOrders(None)
        if chosen.saleor_api_url and chosen.saleor_app_token:
            saleor = SaleorOrders(
                ServiceClient(
                    "Saleor",
                    chosen.saleor_api_url,
                    {"Authorization": f"Bearer {chosen.saleor_app_token}"},
                    timeout,
                    http_transport,
                )
            )
            await saleor.connect()
        orders = OrderProcessor(base.db, saleor, billing, chosen.max_instances_per_line)
        return ControlPlaneResources(
            **base.shared_fields(), billing=billing, saleor=saleor, orders=orders
        )

    return create_subgraph_app(
        "control-plane", schema, chosen, start, make_context, http_transport=http_transport
    )
