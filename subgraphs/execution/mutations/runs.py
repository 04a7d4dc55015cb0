"""runStart and runCancel."""

from __future__ import annotations

import strawberry

from subgraphs.common.errors import CmpFailure
from subgraphs.common.inputs import opt
from subgraphs.execution import access, runs
from subgraphs.execution.context import ExecutionInfo
from subgraphs.execution.mutations.payloads import RunPayload, RunStartInput, RunStartPayload
from subgraphs.execution.types import Run


@strawberry.type
class RunMutations:
    @strawberry.mutation(
        description="Queue a run of an ACTIVE instance; reserves the offering's creditsPerRun."
    )
    async def run_start(self, info: ExecutionInfo, input: RunStartInput) -> RunStartPayload:
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
    async def run_cancel(self, info: ExecutionInfo, id: strawberry.ID) -> RunPayload:
        ctx = info.context
        try:
            run = await access.visible_run(ctx, id)
            row = await runs.cancel(ctx.services, run)
        except runs.NotCancellable as lost:
            return RunPayload(run=Run.from_row(lost.run), errors=[lost.as_error()])
        except CmpFailure as failure:
            return RunPayload(errors=[failure.as_error()])
        return RunPayload(run=Run.from_row(row))
