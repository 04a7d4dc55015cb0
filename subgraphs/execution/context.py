"""execution's process resources (pool, clients, run events, an in-process worker) and
per-request context."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from starlette.requests import HTTPConnection
from strawberry import Info

from kernel.auth.principal import Principal
from kernel.settings import ExecutionSettings
from subgraphs.common.app import Resources
from subgraphs.common.context import SubgraphContext
from subgraphs.execution.loaders import Loaders
from subgraphs.execution.run_events import RunEvents
from subgraphs.execution.services import ExecutionServices

if TYPE_CHECKING:
    from subgraphs.execution.app import BackgroundWorker


@dataclass
class ExecutionResources(Resources[ExecutionSettings]):
    services: ExecutionServices
    run_events: RunEvents
    worker: BackgroundWorker | None = None  # the dev stack's, in-process

    async def aclose(self) -> None:
        # What started last stops first: the worker uses the services.
        if self.worker is not None:
            await self.worker.aclose()
        await self.run_events.aclose()
        await self.services.aclose()


@dataclass
class ExecutionContext(SubgraphContext):
    services: ExecutionServices
    loaders: Loaders
    run_events: RunEvents


ExecutionInfo = Info[ExecutionContext, None]


async def make_context(
    resources: ExecutionResources, principal: Principal, request: HTTPConnection
) -> ExecutionContext:
    services = resources.services
    user_id = None if principal.is_privileged else principal.user_id
    return ExecutionContext(
        principal=principal,
        services=services,
        loaders=Loaders(services, user_id),
        run_events=resources.run_events,
    )
