"""billing's process resources (pool, control-plane client) and per-request context (the
caller, the pool, the control-plane directory and the loaders)."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import HTTPConnection
from strawberry import Info

from kernel.auth.principal import Principal
from kernel.database import Database
from kernel.settings import BillingSettings
from subgraphs.billing.clients import ControlPlane
from subgraphs.billing.loaders import Loaders
from subgraphs.common.app import Resources
from subgraphs.common.context import SubgraphContext
from subgraphs.common.organization_access import OrganizationDirectory


@dataclass
class BillingResources(Resources[BillingSettings]):
    control_plane: ControlPlane

    async def aclose(self) -> None:
        await self.control_plane.aclose()


@dataclass
class BillingContext(SubgraphContext):
    db: Database
    settings: BillingSettings
    directory: OrganizationDirectory
    loaders: Loaders


BillingInfo = Info[BillingContext, None]


async def make_context(
    resources: BillingResources, principal: Principal, request: HTTPConnection
) -> BillingContext:
    directory = resources.control_plane.directory
    # Services and staff ask about existence only; a user's id brings back their role.
    user_id = None if principal.is_service else principal.user_id
    return BillingContext(
        principal=principal,
        db=resources.db,
        settings=resources.settings,
        directory=directory,
        loaders=Loaders(resources.db, directory, user_id),
    )
