"""The process-wide collaborators of execution: its pool, its clients and its runtime."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from kernel.database import Database
from kernel.service_client import ServiceClient
from kernel.settings import ExecutionSettings
from subgraphs.execution.clients import Billing, ControlPlane
from subgraphs.execution.runtimes.base import FlowRuntime
from subgraphs.execution.runtimes.langflow import LangflowRuntime
from subgraphs.execution.runtimes.local import LocalDevelopmentRuntime


@dataclass
class ExecutionServices:
    settings: ExecutionSettings
    db: Database
    control_plane: ControlPlane
    billing: Billing

    async def connect(self) -> None:
        await self.control_plane.client.connect()
        await self.billing.client.connect()

    async def aclose(self) -> None:
        await self.control_plane.client.aclose()
        await self.billing.client.aclose()


def build_services(
    settings: ExecutionSettings,
    db: Database,
    http_transport: httpx.AsyncBaseTransport | None = None,
) -> ExecutionServices:
    timeout = settings.http_timeout_seconds
    return ExecutionServices(
        settings=settings,
        db=db,
        control_plane=ControlPlane(
            ServiceClient.internal(
                "control-plane",
                settings.control_plane_url,
                settings.service_token,
                timeout,
                http_transport,
            )
        ),
        billing=Billing(
            ServiceClient.internal(
                "billing", settings.billing_url, settings.service_token, timeout, http_transport
            )
        ),
    )


class RuntimeMisconfigured(ValueError):
    """The flow runtime's settings cannot work; the message says what to set."""


def check_runtime_settings(settings: ExecutionSettings) -> None:
    if settings.langflow_url and not settings.langflow_api_key:
        # Langflow >= 1.5 refuses /api/v1/run without a key, even with auto-login: every
        # run would fail, so the worker refuses to start instead.
        raise RuntimeMisconfigured(
            "LANGFLOW_URL is set but LANGFLOW_API_KEY is empty: Langflow refuses runs without "
            "an API key (make one with POST /api/v1/api_key/; see the README, Langflow)"
        )


def build_runtime(settings: ExecutionSettings) -> FlowRuntime:
    check_runtime_settings(settings)
    if settings.langflow_url:
        return LangflowRuntime(
            settings.langflow_url,
            settings.langflow_api_key,
            timeout_seconds=settings.langflow_timeout_seconds,
            stream=settings.langflow_stream,
        )
    return LocalDevelopmentRuntime(settings.local_runtime_chunk_delay_seconds)
