"""Who may see and act on which run: members of the run's organization, staff, services."""

from __future__ import annotations

import uuid

from subgraphs.common.access import require_signed_in as require_signed_in
from subgraphs.common.errors import not_found
from subgraphs.common.ids import try_parse_id
from subgraphs.execution.context import ExecutionContext
from subgraphs.execution.loaders import NOT_A_MEMBER
from subgraphs.execution.models import Run


async def can_see(ctx: ExecutionContext, organization_id: uuid.UUID) -> bool:
    if not ctx.principal.is_authenticated:
        return False
    if ctx.principal.is_privileged:
        return True
    role = await ctx.loaders.role.load(organization_id)
    return role is not None and role != NOT_A_MEMBER


async def visible_run(ctx: ExecutionContext, raw_id: object) -> Run:
    """The run if the caller may see it; otherwise NOT_FOUND, whether or not it exists."""
    require_signed_in(ctx)
    run_id = try_parse_id(raw_id)
    run = await ctx.loaders.run.load(run_id) if run_id else None
    if run is None or not await can_see(ctx, run.organization_id):
        raise not_found("run")
    return run
