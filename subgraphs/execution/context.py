"""Per-request context for execution."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import HTTPConnection
from strawberry import Info

from subgraphs.common.app import Resources
from subgraphs.common.auth.principal import Principal
from subgraphs.common.context import SubgraphContext
from subgraphs.execution.loaders import Loaders
from subgraphs.execution.run_events import RUN_EVENTS, RunEvents
from subgraphs.execution.services import ExecutionServices

SERVICES = "execution_services"  # key in Resources.extras


@dataclass
class ExecutionContext(SubgraphContext):
    services: ExecutionServices
    loaders: Loaders
    run_events: RunEvents | None = None


ExecutionInfo = Info[ExecutionContext, None]


async def make_context(
    resources: Resources, principal: Principal, request: HTTPConnection
) -> ExecutionContext:
    services = resources.extras[SERVICES]
    assert isinstance(services, ExecutionServices)
    user_id = None if principal.is_privileged else principal.user_id
    return ExecutionContext(
        principal=principal,
        services=services,
        loaders=Loaders(services, user_id),
        run_events=resources.extras.get(RUN_EVENTS),
    )
