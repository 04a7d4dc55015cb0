"""The life of a run outside the worker: starting (check, reserve, queue), cancelling, and
settling its reservation in billing exactly once."""

from __future__ import annotations

import json
import logging
import uuid
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from kernel.auth.principal import Principal
from subgraphs.common.errors import (
    CmpErrorCode,
    CmpFailure,
    conflict,
    invalid,
    not_found,
)
from subgraphs.common.ids import parse_id
from subgraphs.execution import models
from subgraphs.execution.run_tracing import trace_context_now
from subgraphs.execution.runtimes.run_input import InputRefused, check_shape, check_tweaks
from subgraphs.execution.services import ExecutionServices

log = logging.getLogger(__name__)

MAX_KEY_LENGTH = 200
RUNS_CHANNEL = "cmp_execution_runs"
CANCELLABLE = (models.RunStatus.QUEUED, models.RunStatus.RUNNING)


def _check_input(run_input: Any, max_bytes: int) -> dict[str, Any]:
    try:
        size = len(json.dumps(run_input).encode())
    except (TypeError, ValueError) as error:
        raise invalid("input must be JSON", field="input") from error
    if size > max_bytes:
        raise invalid(f"input must be at most {max_bytes} bytes of JSON", field="input")
    try:
        return check_shape(run_input)
    except InputRefused as refused:
        raise invalid(refused.message, field=refused.field) from None


def _check_key(key: str | None) -> str | None:
    if key is None:
        return None
    cleaned = key.strip()
    if not cleaned or len(cleaned) > MAX_KEY_LENGTH or not cleaned.isprintable():
        raise invalid(
            f"idempotencyKey must be 1-{MAX_KEY_LENGTH} printable characters",
            field="idempotencyKey",
        )
    return cleaned


async def _by_key(
    services: ExecutionServices, instance_id: uuid.UUID, key: str
) -> models.Run | None:
    async with services.db.session() as session:
        found: models.Run | None = await session.scalar(
            select(models.Run).where(
                models.Run.instance_id == instance_id, models.Run.idempotency_key == key
            )
        )
        return found


async def start(
    services: ExecutionServices,
    principal: Principal,
    raw_instance_id: object,
    run_input: Any,
    idempotency_key: str | None,
) -> models.Run:
    """Check the input, and the instance with control-plane (which also says which tweaks its
    offering allows), reserve its credits in billing, queue the run. On any failure nothing is
    stored (the insert and the reservation share one transaction's fate); the same key on the
    same instance returns the run it first created. `principal` is signed in."""
    instance_id = parse_id(raw_instance_id, "instanceId")
    run_input = _check_input(run_input, services.settings.run_input_max_bytes)
    key = _check_key(idempotency_key)

    runtime = await services.control_plane.instance_runtime(
        instance_id, None if principal.is_privileged else principal.user_id
    )
    if runtime is None or (not principal.is_privileged and runtime.role is None):
        raise not_found("instance", field="instanceId")
    if key is not None and (existing := await _by_key(services, instance_id, key)) is not None:
        return existing
    if runtime.status != "ACTIVE":  # control-plane's InstanceStatus
        raise CmpFailure(
            CmpErrorCode.INSTANCE_NOT_ACTIVE,
            f"the instance is {runtime.status}; runs start only on ACTIVE instances",
            field="instanceId",
        )
    try:
        check_tweaks(run_input, runtime.allowed_tweaks)
    except InputRefused as refused:
        raise invalid(refused.message, field=refused.field) from None

    run = models.Run(
        id=uuid.uuid4(),
        instance_id=instance_id,
        organization_id=runtime.organization_id,
        offering_id=runtime.offering_id,
        flow_id=runtime.flow_id,
        created_by=principal.user_id,
        idempotency_key=key,
        status=models.RunStatus.QUEUED,
        input=run_input,
        credits_reserved=runtime.credits_per_run,
        trace_context=trace_context_now(),
    )
    try:
        async with services.db.transaction() as session:
            session.add(run)
            # Flushing takes the idempotency slot: a concurrent request with the same key
            # waits here until this transaction ends, then finds this run.
            await session.flush()
            if run.credits_reserved > 0:
                await services.billing.reserve(
                    run.organization_id, run.credits_reserved, run.reservation_key, str(run.id)
                )
            await session.refresh(run)
            # Delivered at commit: idle workers wake at once instead of at their next poll.
            await session.execute(select(func.pg_notify(RUNS_CHANNEL, "")))
    except IntegrityError:
        assert key is not None  # the only unique constraint a new run can meet
        existing = await _by_key(services, instance_id, key)
        if existing is None:
            raise conflict("a run with this idempotency key is being created; retry") from None
        return existing
    return run


class NotCancellable(CmpFailure):
    """runCancel found the run already ended (or lost the race to whatever ended it); `run` is
    the run as it is now, not as the caller last saw it."""

    def __init__(self, run: models.Run) -> None:
        super().__init__(
            CmpErrorCode.CONFLICT,
            f"the run is {run.status}: only QUEUED or RUNNING runs can be cancelled",
            field="id",
        )
        self.run = run


async def cancel(services: ExecutionServices, run: models.Run) -> models.Run:
    """QUEUED or RUNNING → CANCELLED; the reservation is released (a running flow's worker
    notices at its next lease renewal and abandons the runtime call)."""
    async with services.db.transaction() as session:
        cancelled = await session.scalar(
            update(models.Run)
            .where(models.Run.id == run.id, models.Run.status.in_(CANCELLABLE))
            # A streaming run's partial output goes too: a cancelled run has no output.
            .values(
                status=models.RunStatus.CANCELLED,
                finished_at=func.now(),
                lease_owner=None,
                output=None,
            )
            .returning(models.Run)
        )
    if cancelled is None:
        # `run` was read before this update: another cancel or the worker may have ended it
        # since, so the answer reports the run as the update found it.
        async with services.db.session() as session:
            current = await session.get(models.Run, run.id)
        raise NotCancellable(current or run)
    return await settle(services, cancelled)


async def settle(services: ExecutionServices, run: models.Run) -> models.Run:
    """Capture (SUCCEEDED) or release (FAILED, CANCELLED) the run's reservation, once.
    Billing applies each by the reservation's key, so a retry after a crash is harmless.
    A billing outage leaves the run unsettled; the worker's sweeper tries again later."""
    if run.settled or run.status not in models.TERMINAL:
        return run
    charged = 0
    if run.credits_reserved > 0:
        try:
            if run.status == models.RunStatus.SUCCEEDED:
                reservation = await services.billing.capture(run.reservation_key)
                charged = reservation.amount
            else:
                await services.billing.release(run.reservation_key)
        except CmpFailure as failure:
            if failure.code is CmpErrorCode.NOT_FOUND:
                pass  # never reserved (nothing to settle)
            else:
                log.warning("run %s not settled yet: %s", run.id, failure.message)
                return run
    async with services.db.transaction() as session:
        settled = await session.scalar(
            update(models.Run)
            .where(models.Run.id == run.id, models.Run.settled.is_(False))
            .values(settled=True, credits_charged=charged)
            .returning(models.Run)
        )
    return settled or run
