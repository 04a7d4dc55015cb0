"""Per-request context: the caller, the pool, the control-plane client and the loaders."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import HTTPConnection
from strawberry.fastapi import BaseContext

from kernel.auth.principal import Principal
from kernel.database import Database
from kernel.settings import BillingSettings
from subgraphs.billing.loaders import Loaders
from subgraphs.common.app import Resources
from subgraphs.common.organization_access import OrganizationDirectory

ORGANIZATION_DIRECTORY = "organization_directory"  # key in Resources.extras


@dataclass
class BillingContext(BaseContext):
    principal: Principal
    db: Database
    settings: BillingSettings
    directory: OrganizationDirectory
    loaders: Loaders

    def __post_init__(self) -> None:
        super().__init__()


async def make_context(
    resources: Resources, principal: Principal, request: HTTPConnection
) -> BillingContext:
    settings = resources.settings
    assert isinstance(settings, BillingSettings)
    directory = resources.extras[ORGANIZATION_DIRECTORY]
    assert isinstance(directory, OrganizationDirectory)
    # Services and staff ask about existence only; a user's id brings back their role.
    user_id = None if principal.is_service else principal.user_id
    return BillingContext(
        principal=principal,
        db=resources.db,
        settings=settings,
        directory=directory,
        loaders=Loaders(resources.db, directory, user_id),
    )
