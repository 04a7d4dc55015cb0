"""Who may see and change what in control-plane (the contract README's access rules)."""

from __future__ import annotations

import uuid

from subgraphs.common.access import require_service as require_service
from subgraphs.common.access import require_signed_in as require_signed_in
from subgraphs.common.access import require_staff as require_staff
from subgraphs.common.access import require_user as require_user
from subgraphs.common.errors import forbidden, not_found
from subgraphs.control_plane import models
from subgraphs.control_plane.context import ControlPlaneContext


async def role_in(ctx: ControlPlaneContext, organization_id: uuid.UUID) -> str | None:
    return (await ctx.my_roles()).get(organization_id)


async def can_see_organization(ctx: ControlPlaneContext, organization_id: uuid.UUID) -> bool:
    if ctx.principal.is_privileged:
        return True
    return await role_in(ctx, organization_id) is not None


async def require_visible(
    ctx: ControlPlaneContext, organization_id: uuid.UUID, what: str = "organization"
) -> None:
    """Other tenants' data is reported as not found: its existence is not revealed."""
    require_signed_in(ctx)
    if not await can_see_organization(ctx, organization_id):
        raise not_found(what)


async def require_manager(ctx: ControlPlaneContext, organization_id: uuid.UUID) -> None:
    await require_visible(ctx, organization_id)
    if ctx.principal.is_privileged:
        return
    if await role_in(ctx, organization_id) not in models.MANAGER_ROLES:
        raise forbidden("only an OWNER or ADMIN of the organization may do this")
