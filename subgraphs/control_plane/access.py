"""Who may see and change what in control-plane (the contract README's access rules)."""

from __future__ import annotations

import uuid

from kernel.auth.principal import Principal
from subgraphs.common.errors import forbidden, not_found, unauthenticated
from subgraphs.control_plane.context import ControlPlaneContext

MANAGER_ROLES = frozenset({"OWNER", "ADMIN"})


def require_signed_in(ctx: ControlPlaneContext) -> Principal:
    principal = ctx.principal
    if not principal.is_authenticated:
        raise unauthenticated(principal.auth_error or "sign in first")
    return principal


def require_user(ctx: ControlPlaneContext) -> Principal:
    """A person, not a service: actions that make someone an owner need one."""
    principal = require_signed_in(ctx)
    if principal.user_id is None:
        raise forbidden("this action needs a signed-in user")
    return principal


def require_staff(ctx: ControlPlaneContext) -> Principal:
    principal = require_signed_in(ctx)
    if not principal.is_privileged:
        raise forbidden("staff only")
    return principal


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
    if await role_in(ctx, organization_id) not in MANAGER_ROLES:
        raise forbidden("only an OWNER or ADMIN of the organization may do this")
