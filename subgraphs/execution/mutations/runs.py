"""runStart and runCancel."""

from __future__ import annotations

import strawberry

from subgraphs.common.errors import CmpFailure
from subgraphs.common.inputs import opt
from subgraphs.common.payloads import errors_in_payload
from subgraphs.execution import access, runs
from subgraphs.execution.context import ExecutionInfo
from subgraphs.execution.mutations.payloads import RunPayload, RunStartInput, RunStartPayload
from subgraphs.execution.types import Run


def _cancel_refused(failure: CmpFailure) -> RunPayload:
    """An ended run comes back as it is now, beside the refusal."""
    run = Run.from_row(failure.run) if isinstance(failure, runs.NotCancellable) else None
    return RunPayload(run=run, errors=[failure.as_error()])


@strawberry.type
class RunMutations:
    @strawberry.mutation(
        description="Queue a run of an ACTIVE instance; reserves the offering's creditsPerRun."
    )
    async def run_start(self, info: ExecutionInfo, input: RunStartInput) -> RunStartPayload:
        ctx = info.context

        async def work() -> RunStartPayload:
            principal = access.require_signed_in(ctx)
            row = await runs.start(
                ctx.services, principal, input.instance_id, input.input, opt(input.idempotency_key)
            )
            return RunStartPayload(run=Run.from_row(row))

        return await errors_in_payload(RunStartPayload, work)

    @strawberry.mutation(
        description="Cancel a QUEUED or RUNNING run; its credits are released. An ended run "
        "is refused (CONFLICT) and returned as it is now."
    )
    async def run_cancel(self, info: ExecutionInfo, id: strawberry.ID) -> RunPayload:
        ctx = info.context

        async def work() -> RunPayload:
            run = await access.visible_run(ctx, id)
            return RunPayload(run=Run.from_row(await runs.cancel(ctx.services, run)))

        return await errors_in_payload(RunPayload, work, failed=_cancel_refused)
