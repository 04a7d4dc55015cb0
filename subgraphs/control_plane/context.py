"""control-plane's process resources (pool, clients, order processor) and per-request context
(the caller, the loaders, and the caller's memberships)."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from starlette.requests import HTTPConnection
from strawberry import Info

from kernel.auth.principal import Principal
from kernel.database import Database
from kernel.settings import ControlPlaneSettings
from subgraphs.common.app import Resources
from subgraphs.common.context import SubgraphContext
from subgraphs.control_plane import models
from subgraphs.control_plane.clients import Billing, SaleorOrders
from subgraphs.control_plane.loaders import Loaders
from subgraphs.control_plane.orders import OrderProcessor


@dataclass
class ControlPlaneResources(Resources[ControlPlaneSettings]):
    billing: Billing
    saleor: SaleorOrders
    orders: OrderProcessor

    async def aclose(self) -> None:
        await self.saleor.aclose()
        await self.billing.aclose()


@dataclass
class ControlPlaneContext(SubgraphContext):
    db: Database
    settings: ControlPlaneSettings
    loaders: Loaders
    orders: OrderProcessor
    billing: Billing
    _roles: asyncio.Future[dict[uuid.UUID, str]] | None = None

    async def my_roles(self) -> dict[uuid.UUID, str]:
        """The caller's role in each organization it is an ACTIVE member of (invitations give
        no access): one query per request."""
        # One shared task, not a lock: every waiter wakes in the same loop iteration, so the
        # DataLoader calls that follow still land in one batch.
        if self._roles is None:
            self._roles = asyncio.ensure_future(self._load_roles())
        return await self._roles

    async def _load_roles(self) -> dict[uuid.UUID, str]:
        if self.principal.user_id is None:
            return {}
        async with self.db.session() as session:
            rows = await session.execute(
                select(models.Membership.organization_id, models.Membership.role).where(
                    models.Membership.user_id == self.principal.user_id,
                    models.Membership.status == models.MembershipStatus.ACTIVE,
                )
            )
            return {org_id: role for org_id, role in rows.all()}

    def forget_roles(self) -> None:
        """After a mutation changed the caller's memberships: the payload sees the new ones."""
        self._roles = None


ControlPlaneInfo = Info[ControlPlaneContext, None]


async def make_context(
    resources: ControlPlaneResources, principal: Principal, request: HTTPConnection
) -> ControlPlaneContext:
    return ControlPlaneContext(
        principal=principal,
        db=resources.db,
        settings=resources.settings,
        loaders=Loaders(resources.db),
        orders=resources.orders,
        billing=resources.billing,
    )
