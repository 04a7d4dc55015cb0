"""The control-plane ASGI app."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from subgraphs.common.app import create_subgraph_app
from subgraphs.common.settings import ControlPlaneSettings
from subgraphs.control_plane.context import make_context
from subgraphs.control_plane.schema import schema


def create_app(
    settings: ControlPlaneSettings | None = None,
    http_transport: httpx.AsyncBaseTransport | None = None,
) -> FastAPI:
    return create_subgraph_app(
        "control-plane",
        schema,
        settings or ControlPlaneSettings(),
        make_context,
        http_transport=http_transport,
    )
