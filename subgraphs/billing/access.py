"""Who may see which organization's wallet (the contract README's access rules).

Staff and services see every organization; a user sees the organizations they are a member of
(control-plane says so); nobody else sees anything. Another tenant's data is reported as not
found, so that its existence is not revealed.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from subgraphs.billing.context import BillingContext
from subgraphs.billing.models import Wallet
from subgraphs.common.access import require_service as require_service
from subgraphs.common.access import require_signed_in as require_signed_in
from subgraphs.common.access import require_staff as require_staff
from subgraphs.common.errors import not_found


async def can_see(ctx: BillingContext, organization_id: uuid.UUID) -> bool:
    """Whether the organization exists and the caller may see it (asks control-plane)."""
    found = await ctx.loaders.organization_access.load(organization_id)
    if found is None:
        return False
    return ctx.principal.is_privileged or found.role is not None


async def require_visible(
    ctx: BillingContext, organization_id: uuid.UUID, what: str = "organization"
) -> None:
    require_signed_in(ctx)
    if not await can_see(ctx, organization_id):
        raise not_found(what, "organizationId")


async def visible_organizations(
    ctx: BillingContext, organization_ids: Iterable[uuid.UUID]
) -> set[uuid.UUID]:
    """The subset the caller may see; anonymous callers see none."""
    ids = set(organization_ids)
    if not ctx.principal.is_authenticated or not ids:
        return set()
    if ctx.principal.is_privileged:
        return ids
    found = await ctx.loaders.organization_access.load_many(list(ids))
    return {a.organization_id for a in found if a is not None and a.role is not None}


async def visible_wallet_of(
    ctx: BillingContext, organization_id: uuid.UUID, what: str = "organization"
) -> Wallet:
    """The organization's wallet, created on first use; NOT_FOUND unless the caller may see it.

    Staff and services read an existing wallet without asking control-plane (a wallet exists
    only for an organization control-plane once confirmed)."""
    require_signed_in(ctx)
    if ctx.principal.is_privileged:
        wallet = await ctx.loaders.existing_wallet_by_organization.load(organization_id)
        if wallet is not None:
            return wallet
    await require_visible(ctx, organization_id, what)
    return await ctx.loaders.wallet_by_organization.load(organization_id)


async def require_wallet_visible(ctx: BillingContext, wallet: Wallet | None) -> Wallet:
    require_signed_in(ctx)
    if wallet is None:
        raise not_found("wallet")
    if not ctx.principal.is_privileged and not await can_see(ctx, wallet.organization_id):
        raise not_found("wallet")
    return wallet
