"""instanceProvision and the status transitions: ACTIVE <-> SUSPENDED, anything -> TERMINATED."""

from __future__ import annotations

import strawberry
from sqlalchemy import func, update

from subgraphs.common.errors import conflict, invalid, not_found
from subgraphs.common.ids import parse_id
from subgraphs.common.inputs import opt
from subgraphs.common.payloads import errors_in_payload
from subgraphs.control_plane import access, models
from subgraphs.control_plane.context import ControlPlaneInfo
from subgraphs.control_plane.models import InstanceStatus
from subgraphs.control_plane.mutations.payloads import (
    InstancePayload,
    InstanceProvisionInput,
    InstanceProvisionPayload,
)
from subgraphs.control_plane.types import Instance
from subgraphs.control_plane.validation import clean_text

# status it moves to -> statuses it may come from
TRANSITIONS: dict[InstanceStatus, frozenset[InstanceStatus]] = {
    InstanceStatus.SUSPENDED: frozenset({InstanceStatus.ACTIVE}),
    InstanceStatus.ACTIVE: frozenset({InstanceStatus.SUSPENDED}),
    InstanceStatus.TERMINATED: frozenset(
        {InstanceStatus.PROVISIONING, InstanceStatus.ACTIVE, InstanceStatus.SUSPENDED}
    ),
}


async def _transition(
    info: ControlPlaneInfo, raw_id: strawberry.ID, target: InstanceStatus
) -> InstancePayload:
    ctx = info.context

    async def work() -> InstancePayload:
        instance_id = parse_id(raw_id, "id")
        async with ctx.db.transaction() as session:
            row = await session.get(models.Instance, instance_id, with_for_update=True)
            if row is None:
                access.require_signed_in(ctx)
                raise not_found("instance", field="id")
            await access.require_visible(ctx, row.organization_id, "instance")
            await access.require_manager(ctx, row.organization_id)
            if row.status not in TRANSITIONS[target]:
                raise conflict(f"a {row.status} instance cannot become {target}", field="id")
            await session.execute(
                update(models.Instance)
                .where(models.Instance.id == instance_id)
                .values(status=target, updated_at=func.now())
            )
            await session.refresh(row)
        return InstancePayload(instance=Instance.from_row(row))

    return await errors_in_payload(InstancePayload, work)


@strawberry.type
class InstanceMutations:
    @strawberry.mutation(description="Staff or service: provision an ACTIVE instance.")
    async def instance_provision(
        self, info: ControlPlaneInfo, input: InstanceProvisionInput
    ) -> InstanceProvisionPayload:
        ctx = info.context

        async def work() -> InstanceProvisionPayload:
            access.require_staff(ctx)
            organization_id = parse_id(input.organization_id, "organizationId")
            offering_id = parse_id(input.offering_id, "offeringId")
            raw_plan, raw_project, raw_name = (
                opt(input.plan_id),
                opt(input.project_id),
                opt(input.name),
            )
            plan_id = parse_id(raw_plan, "planId") if raw_plan else None
            project_id = parse_id(raw_project, "projectId") if raw_project else None
            async with ctx.db.transaction() as session:
                if await session.get(models.Organization, organization_id) is None:
                    raise not_found("organization", field="organizationId")
                offering = await session.get(models.Offering, offering_id)
                if offering is None:
                    raise not_found("offering", field="offeringId")
                if plan_id is not None:
                    plan = await session.get(models.Plan, plan_id)
                    if plan is None or plan.offering_id != offering_id:
                        raise invalid("the plan is not a plan of this offering", field="planId")
                if project_id is not None:
                    project = await session.get(models.Project, project_id)
                    if project is None or project.organization_id != organization_id:
                        raise invalid("the project is not in this organization", field="projectId")
                name = clean_text(raw_name, "name") if raw_name is not None else offering.name
                instance = models.Instance(
                    organization_id=organization_id,
                    offering_id=offering_id,
                    plan_id=plan_id,
                    project_id=project_id,
                    name=name,
                    status=InstanceStatus.ACTIVE,
                )
                session.add(instance)
                await session.flush()
                await session.refresh(instance)
            return InstanceProvisionPayload(instance=Instance.from_row(instance))

        return await errors_in_payload(InstanceProvisionPayload, work)

    @strawberry.mutation(description="ACTIVE -> SUSPENDED; OWNER or ADMIN.")
    async def instance_suspend(self, info: ControlPlaneInfo, id: strawberry.ID) -> InstancePayload:
        return await _transition(info, id, InstanceStatus.SUSPENDED)

    @strawberry.mutation(description="SUSPENDED -> ACTIVE; OWNER or ADMIN.")
    async def instance_resume(self, info: ControlPlaneInfo, id: strawberry.ID) -> InstancePayload:
        return await _transition(info, id, InstanceStatus.ACTIVE)

    @strawberry.mutation(description="Any status but TERMINATED -> TERMINATED; OWNER or ADMIN.")
    async def instance_terminate(
        self, info: ControlPlaneInfo, id: strawberry.ID
    ) -> InstancePayload:
        return await _transition(info, id, InstanceStatus.TERMINATED)
