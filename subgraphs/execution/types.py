"""execution's GraphQL types: Run, and the `runs` field it adds to control-plane's Instance."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import strawberry
from sqlalchemy import select
from strawberry.scalars import JSON

from subgraphs.common.connections import CountedConnection
from subgraphs.common.errors import not_found
from subgraphs.common.ids import try_parse_id
from subgraphs.common.inputs import OMITTED, opt
from subgraphs.common.pagination import fetch_page
from subgraphs.execution import access, models
from subgraphs.execution.context import ExecutionInfo
from subgraphs.execution.models import RunStatus

# The tables' enums (models.py) are also the GraphQL enums.
strawberry.enum(RunStatus)


@strawberry.type
class RunUsage:
    duration_ms: int
    input_tokens: int | None
    output_tokens: int | None


@strawberry.federation.type(keys=["id"], description="One execution of an instance's flow.")
class Run:
    id: strawberry.ID
    status: RunStatus
    input: JSON
    output: JSON | None
    error: str | None
    credits_charged: int = strawberry.field(description="0 until it succeeds.")
    usage: RunUsage | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    instance_id: strawberry.Private[uuid.UUID]

    @classmethod
    def from_row(cls, row: models.Run) -> Run:
        usage = (
            RunUsage(
                duration_ms=row.duration_ms,
                input_tokens=row.input_tokens,
                output_tokens=row.output_tokens,
            )
            if row.duration_ms is not None
            else None
        )
        return cls(
            id=strawberry.ID(str(row.id)),
            status=RunStatus(row.status),
            input=row.input,
            output=row.output,
            error=row.error,
            credits_charged=row.credits_charged,
            usage=usage,
            created_at=row.created_at,
            started_at=row.started_at,
            finished_at=row.finished_at,
            instance_id=row.instance_id,
        )

    @classmethod
    async def resolve_reference(cls, info: ExecutionInfo, id: strawberry.ID) -> Run:
        return cls.from_row(await access.visible_run(info.context, id))

    @strawberry.field
    def instance(self) -> Instance:
        return Instance(id=strawberry.ID(str(self.instance_id)))


@strawberry.federation.type(keys=["id"], description="control-plane's Instance.")
class Instance:
    id: strawberry.ID

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> Instance:
        return cls(id=id)

    @strawberry.field(description="Runs of this instance, newest first.")
    async def runs(
        self,
        info: ExecutionInfo,
        first: int | None = 20,
        after: str | None = OMITTED,
        status: RunStatus | None = OMITTED,
    ) -> CountedConnection[Run] | None:
        ctx = info.context
        access.require_signed_in(ctx)
        instance_id = try_parse_id(self.id)
        if instance_id is None:
            raise not_found("instance")
        conditions: list[Any] = [models.Run.instance_id == instance_id]
        chosen = opt(status)
        if chosen is not None:
            conditions.append(models.Run.status == chosen.value)
        async with ctx.services.db.session() as session:
            # Every run of an instance belongs to the instance's organization.
            organization_id = await session.scalar(
                select(models.Run.organization_id)
                .where(models.Run.instance_id == instance_id)
                .limit(1)
            )
            if organization_id is not None and not await access.can_see(ctx, organization_id):
                raise not_found("instance")
            page = await fetch_page(
                session, models.Run, conditions, first, opt(after), count_total=True
            )
        return CountedConnection.of(page, Run.from_row)
