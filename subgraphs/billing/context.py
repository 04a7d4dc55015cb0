"""Per-request context: the caller, the pool, the control-plane client and the loaders."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request
from strawberry.fastapi import BaseContext

from subgraphs.billing.control_plane_client import ControlPlaneClient
from subgraphs.billing.loaders import Loaders
from subgraphs.common.app import Resources
from subgraphs.common.auth.principal import Principal
from subgraphs.common.database import Database
from subgraphs.common.settings import BillingSettings

CONTROL_PLANE_CLIENT = "control_plane_client"  # key in Resources.extras


@dataclass
class BillingContext(BaseContext):
    principal: Principal
    db: Database
    settings: BillingSettings
    control_plane: ControlPlaneClient
    loaders: Loaders

    def __post_init__(self) -> None:
        super().__init__()


async def make_context(
    resources: Resources, principal: Principal, request: Request
) -> BillingContext:
    settings = resources.settings
    assert isinstance(settings, BillingSettings)
    control_plane = resources.extras[CONTROL_PLANE_CLIENT]
    assert isinstance(control_plane, ControlPlaneClient)
    # Services and staff ask about existence only; a user's id brings back their role.
    user_id = None if principal.is_service else principal.user_id
    return BillingContext(
        principal=principal,
        db=resources.db,
        settings=settings,
        control_plane=control_plane,
        loaders=Loaders(resources.db, control_plane, user_id),
    )
