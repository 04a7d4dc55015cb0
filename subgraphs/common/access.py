"""Who the caller must be, in every subgraph: signed in, a person, staff, or a CMP service.
Each subgraph's access.py adds its own rules (organizations, runs) on top of these."""

from __future__ import annotations

from kernel.auth.principal import Principal
from subgraphs.common.context import SubgraphContext
from subgraphs.common.errors import forbidden, unauthenticated


def require_signed_in(ctx: SubgraphContext) -> Principal:
    principal = ctx.principal
    if not principal.is_authenticated:
        raise unauthenticated(principal.auth_error or "sign in first")
    return principal


def require_user(ctx: SubgraphContext) -> Principal:
    """A person, not a service: actions that make someone an owner need one."""
    principal = require_signed_in(ctx)
    if principal.user_id is None:
        raise forbidden("this action needs a signed-in user")
    return principal


def require_staff(ctx: SubgraphContext) -> Principal:
    principal = require_signed_in(ctx)
    if not principal.is_privileged:
        raise forbidden("staff only")
    return principal


def require_service(ctx: SubgraphContext) -> Principal:
    """Service-only (`@inaccessible`) fields: only other subgraphs, with the service credential."""
    principal = ctx.principal
    if not principal.is_service:
        raise forbidden(
            "this operation is for CMP services only"
            + (f" ({principal.auth_error})" if principal.auth_error else "")
        )
    return principal
