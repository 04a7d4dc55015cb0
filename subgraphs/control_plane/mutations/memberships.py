"""memberAdd (an invitation), membershipAccept, memberRemove: membership needs the user's
consent, and an organization always keeps an ACTIVE OWNER."""

from __future__ import annotations

import uuid

import strawberry
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from subgraphs.common.errors import conflict, forbidden, not_found
from subgraphs.common.ids import parse_id
from subgraphs.common.payloads import errors_in_payload
from subgraphs.control_plane import access, models
from subgraphs.control_plane.context import ControlPlaneInfo
from subgraphs.control_plane.models import MemberRole
from subgraphs.control_plane.mutations.payloads import (
    MemberAddInput,
    MemberAddPayload,
    MemberRemoveInput,
    MemberRemovePayload,
)
from subgraphs.control_plane.types import Membership, Organization
from subgraphs.control_plane.validation import clean_external_id


async def _lock_organization(
    session: AsyncSession, organization_id: uuid.UUID
) -> models.Organization:
    """Membership changes of one organization, one at a time: the last-OWNER rule holds
    under concurrent removals."""
    row = await session.scalar(
        select(models.Organization)
        .where(models.Organization.id == organization_id)
        .with_for_update()
    )
    if row is None:
        raise not_found("organization", field="organizationId")
    return row


async def _active_owners(session: AsyncSession, organization_id: uuid.UUID) -> int:
    count = await session.scalar(
        select(func.count()).where(
            models.Membership.organization_id == organization_id,
            models.Membership.role == MemberRole.OWNER,
            models.Membership.status == models.MembershipStatus.ACTIVE,
        )
    )
    return int(count or 0)


@strawberry.type
class MembershipMutations:
    @strawberry.mutation(
        description="Invite a user (status INVITED: no access until they accept); "
        "OWNER or ADMIN only, and only an OWNER invites an OWNER."
    )
    async def member_add(self, info: ControlPlaneInfo, input: MemberAddInput) -> MemberAddPayload:
        ctx = info.context

        async def work() -> MemberAddPayload:
            organization_id = parse_id(input.organization_id, "organizationId")
            user_id = clean_external_id(input.user_id, "userId")
            await access.require_manager(ctx, organization_id)
            invites_owner = input.role is MemberRole.OWNER and not ctx.principal.is_privileged
            if invites_owner and await access.role_in(ctx, organization_id) != MemberRole.OWNER:
                raise forbidden("only an OWNER may invite another OWNER", field="role")
            async with ctx.db.transaction() as session:
                await _lock_organization(session, organization_id)
                if await session.get(models.Membership, (organization_id, user_id)) is not None:
                    raise conflict("the user is already a member or invited", field="userId")
                membership = models.Membership(
                    organization_id=organization_id,
                    user_id=user_id,
                    role=input.role.value,
                    status=models.MembershipStatus.INVITED,
                )
                session.add(membership)
                await session.flush()
                await session.refresh(membership)
            return MemberAddPayload(membership=Membership.from_row(membership))

        return await errors_in_payload(
            MemberAddPayload, work, conflict_message="the user is already a member or invited"
        )

    @strawberry.mutation(description="The invited user only: INVITED -> ACTIVE.")
    async def membership_accept(
        self, info: ControlPlaneInfo, organization_id: strawberry.ID
    ) -> MemberAddPayload:
        ctx = info.context

        async def work() -> MemberAddPayload:
            principal = access.require_user(ctx)
            parsed = parse_id(organization_id, "organizationId")
            async with ctx.db.transaction() as session:
                accepted = await session.scalar(
                    update(models.Membership)
                    .where(
                        models.Membership.organization_id == parsed,
                        models.Membership.user_id == principal.user_id,
                        models.Membership.status == models.MembershipStatus.INVITED,
                    )
                    .values(status=models.MembershipStatus.ACTIVE, accepted_at=func.now())
                    .returning(models.Membership)
                )
                if accepted is None:
                    existing = await session.get(models.Membership, (parsed, principal.user_id))
                    if existing is not None:
                        raise conflict("you are already an ACTIVE member", field="organizationId")
                    raise not_found("invitation", field="organizationId")
            ctx.forget_roles()
            return MemberAddPayload(membership=Membership.from_row(accepted))

        return await errors_in_payload(MemberAddPayload, work)

    @strawberry.mutation(
        description="Remove a member or withdraw an invitation (OWNER or ADMIN; only an OWNER "
        "removes an OWNER), or leave / decline (the user themself). The last ACTIVE OWNER "
        "stays."
    )
    async def member_remove(
        self, info: ControlPlaneInfo, input: MemberRemoveInput
    ) -> MemberRemovePayload:
        ctx = info.context

        async def work() -> MemberRemovePayload:
            principal = access.require_signed_in(ctx)
            organization_id = parse_id(input.organization_id, "organizationId")
            user_id = clean_external_id(input.user_id, "userId")
            itself = principal.user_id == user_id
            if not itself:
                await access.require_manager(ctx, organization_id)
            async with ctx.db.transaction() as session:
                organization = await _lock_organization(session, organization_id)
                target = await session.get(models.Membership, (organization_id, user_id))
                if target is None:
                    raise not_found("membership", field="userId")
                if not itself and not principal.is_privileged:
                    # Checked again under the lock: the caller's own role may just have gone.
                    role = await models.Membership.active_role(
                        session, organization_id, principal.user_id
                    )
                    if role not in models.MANAGER_ROLES:
                        raise forbidden("only an OWNER or ADMIN of the organization may do this")
                    if target.role == MemberRole.OWNER and role != MemberRole.OWNER:
                        raise forbidden("only an OWNER may remove an OWNER", field="userId")
                last_owner = (
                    target.role == MemberRole.OWNER
                    and target.status == models.MembershipStatus.ACTIVE
                    and await _active_owners(session, organization_id) == 1
                )
                if last_owner:
                    raise conflict(
                        "an organization keeps at least one ACTIVE OWNER: "
                        "invite another OWNER first",
                        field="userId",
                    )
                await session.delete(target)
            ctx.forget_roles()
            if itself and not principal.is_privileged:
                return MemberRemovePayload(organization=None)
            return MemberRemovePayload(organization=Organization.from_row(organization))

        return await errors_in_payload(MemberRemovePayload, work)
