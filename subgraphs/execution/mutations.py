"""runStart and runCancel."""

from __future__ import annotations

import strawberry
from strawberry.scalars import JSON

from subgraphs.common.errors import CmpError, CmpFailure
from subgraphs.common.inputs import OMITTED, opt
from subgraphs.execution import access, runs
from subgraphs.execution.types import ExInfo, Run


@strawberry.input
class RunStartInput:
    instance_id: strawberry.ID
    input: JSON
    idempotency_key: str | None = OMITTED


@strawberry.type
class RunStartPayload:
    run: Run | None = None
    errors: list[CmpError] = strawberry.field(default_factory=list)


@strawberry.type
class RunPayload:
    run: Run | None = None
    errors: list[CmpError] = strawberry.field(default_factory=list)


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Queue a run of an ACTIVE instance; reserves the offering's creditsPerRun."
    )
    async def run_start(self, info: ExInfo, input: RunStartInput) -> RunStartPayload:
        ctx = info.context
        try:
            row = await runs.start(
                ctx.services,
                ctx.principal,
                input.instance_id,
                input.input,
                opt(input.idempotency_key),
            )
        except CmpFailure as failure:
            return RunStartPayload(errors=[failure.as_error()])
        return RunStartPayload(run=Run.from_row(row))

    @strawberry.mutation(
        description="Cancel a QUEUED or RUNNING run; its credits are released. An ended run "
        "is refused (CONFLICT) and returned as it is now."
    )
    async def run_cancel(self, info: ExInfo, id: strawberry.ID) -> RunPayload:
        ctx = info.context
        try:
            run = await access.visible_run(ctx, id)
            row = await runs.cancel(ctx.services, run)
        except runs.NotCancellable as lost:
            return RunPayload(run=Run.from_row(lost.run), errors=[lost.as_error()])
        except CmpFailure as failure:
            return RunPayload(errors=[failure.as_error()])
        return RunPayload(run=Run.from_row(row))
