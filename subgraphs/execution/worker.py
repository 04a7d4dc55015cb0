"""The run worker: claims queued runs from PostgreSQL, executes them on the flow runtime,
stores the outcome and settles the reservation.

Claiming uses `FOR UPDATE SKIP LOCKED` with a lease (no extra broker: the runs table is the
queue, so a run and its queue entry can never disagree). Several workers may run on several
hosts. A worker renews its lease while a flow runs; if it dies, the lease lapses and another
worker retries the run, up to RUN_MAX_ATTEMPTS, after which the run FAILS and its credits are
released. A runtime failure marked retryable (the flow did not run) waits for a later attempt
the same way; any other failure is final. Outcomes are written only by the lease holder, and
billing applies captures by key, so a run is charged at most once. While a flow runs, the output
it has produced so far is written into the run (`partial_output`).

Stopping (SIGTERM) drains: the worker claims nothing more and lets the runs it holds finish for
up to WORKER_DRAIN_SECONDS (a second signal cuts that short). A run still going then is handed
back at once instead of being left to its lease: if the flow certainly never started (Langflow
unreachable so far), the run is QUEUED again and the attempt does not count; if it may have
started, the attempt counts — exactly as if the worker had died — but the lease is released so
another worker takes the run now rather than when the lease lapses.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import time
import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import case, func, or_, select, text, update

from kernel.listen import Listener
from kernel.outage import OutageMonitor, is_database_outage, poll_forever
from kernel.telemetry import instrument_engine
from subgraphs.common.ids import try_parse_id
from subgraphs.execution import models
from subgraphs.execution.metrics import WORKER_METRICS
from subgraphs.execution.models import RESERVATION_PREFIX
from subgraphs.execution.partial_output import PartialOutputWriter
from subgraphs.execution.run_tracing import SERVICE, continued, stage, within
from subgraphs.execution.runs import RUNS_CHANNEL, settle
from subgraphs.execution.runtimes.base import FlowRuntime, RunProgress, RuntimeFailure
from subgraphs.execution.services import ExecutionServices

log = logging.getLogger(__name__)

# How long a finished run may stay unsettled before the sweeper retries its settlement.
SETTLE_GRACE_SECONDS = 2.0
# Sweeper rounds between two looks for orphaned reservations (billing is asked each time).
ORPHAN_CHECK_EVERY = 30
# How long handing an abandoned run back may take when stopping (a database that does not
# answer must not hold the process past its grace period; the lease lapses anyway).
HAND_BACK_SECONDS = 5.0


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


class Worker:
    def __init__(
        self, services: ExecutionServices, runtime: FlowRuntime, name: str | None = None
    ) -> None:
        self.services = services
        self.runtime = runtime
        self.name = name or worker_name()
        settings = services.settings
        self.lease = timedelta(seconds=settings.run_lease_seconds)
        self.max_attempts = settings.run_max_attempts
        self.poll_seconds = settings.worker_poll_seconds
        self.concurrency = max(1, settings.worker_concurrency)
        # Shared by every slot and the sweeper: one log line when an outage starts, one at its end.
        self.outage = OutageMonitor(f"worker {self.name}", log)
        self.drain_seconds = settings.worker_drain_seconds
        self.progress_seconds = settings.run_progress_seconds
        instrument_engine(services.db.engine, SERVICE)  # SQL spans, when tracing

    # ------------------------------------------------------------------ the loop

    async def run_forever(self, stop: asyncio.Event, hurry: asyncio.Event | None = None) -> None:
        """Work until `stop`, then drain (see the module's doc); `hurry` ends the drain early."""
        log.info("worker %s started (%s runtime)", self.name, self.runtime.name)
        wakeup = asyncio.Event()
        # runStart's NOTIFY wakes an idle slot at once; polling still runs, so a lost
        # notification (or a LISTEN that cannot connect) only costs latency, never a run.
        listener = Listener(
            self.services.settings.database_url,
            RUNS_CHANNEL,
            on_notify=lambda _payload: wakeup.set(),
            on_connected=wakeup.set,  # runs queued while it was down: look now
            name=f"worker {self.name}",
        )
        listener.start()
        slots = [asyncio.create_task(self._slot(stop, wakeup)) for _ in range(self.concurrency)]
        sweeper = asyncio.create_task(self._sweep_forever(stop))
        try:
            await stop.wait()
        finally:
            wakeup.set()  # idle slots see the stop now, not at their next poll
            sweeper.cancel()
            await self._drain(slots, hurry or asyncio.Event())
            await asyncio.gather(sweeper, return_exceptions=True)
            await listener.aclose()

    async def _drain(self, slots: list[asyncio.Task[None]], hurry: asyncio.Event) -> None:
        """Let the slots finish their runs within the drain time, then abandon the rest
        (each hands its run back as it is cancelled)."""
        busy: set[asyncio.Future[Any]] = {slot for slot in slots if not slot.done()}
        if busy:
            log.info("worker %s stopping: draining for up to %g s", self.name, self.drain_seconds)
        hurried: asyncio.Future[Any] = asyncio.ensure_future(hurry.wait())
        deadline = asyncio.get_running_loop().time() + self.drain_seconds
        while busy and not hurry.is_set():
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                break
            _, busy = await asyncio.wait(
                busy | {hurried}, timeout=remaining, return_when=asyncio.FIRST_COMPLETED
            )
            busy.discard(hurried)
        hurried.cancel()
        if busy:
            log.warning("worker %s: abandoning %d run(s) still in flight", self.name, len(busy))
        for slot in busy:
            slot.cancel()
        await asyncio.gather(*slots, return_exceptions=True)

    async def _slot(self, stop: asyncio.Event, wakeup: asyncio.Event) -> None:
        await poll_forever(
            lambda: self.run_one(),  # looked up each time: tests wrap it on a running worker
            stop,
            wakeup,
            self.poll_seconds,
            self.outage,
            f"worker {self.name}: claiming or running a run failed",
        )

    async def _sweep_forever(self, stop: asyncio.Event) -> None:
        rounds = 0
        while not stop.is_set():
            attempt = self.outage.clock()
            try:
                await self.sweep()
                if rounds % ORPHAN_CHECK_EVERY == 0:
                    await self.release_orphans()
            except Exception as error:
                if is_database_outage(error):
                    self.outage.failed(error)  # the slots back off; the sweeper keeps its pace
                else:
                    log.exception("worker %s: settling finished runs failed", self.name)
            else:
                self.outage.succeeded(attempt)
            rounds += 1
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(stop.wait(), max(self.poll_seconds * 4, 1.0))

    # ------------------------------------------------------------------ one run

    async def claim(self) -> models.Run | None:
        async with self.services.db.transaction() as session:
            next_run = (
                select(models.Run.id)
                .where(
                    or_(
                        models.Run.status == "QUEUED",
                        (models.Run.status == "RUNNING")
                        & (models.Run.lease_expires_at < func.now()),
                    )
                )
                .order_by(models.Run.created_at)
                .limit(1)
                .with_for_update(skip_locked=True)
                .scalar_subquery()
            )
            claimed: models.Run | None = await session.scalar(
                update(models.Run)
                .where(models.Run.id == next_run)
                .values(
                    status="RUNNING",
                    lease_owner=self.name,
                    lease_expires_at=func.now() + self.lease,
                    attempts=models.Run.attempts + 1,
                    started_at=func.coalesce(models.Run.started_at, func.now()),
                    output=None,  # a previous attempt's partial output is not this one's
                )
                .returning(models.Run)
            )
            return claimed

    async def run_one(self) -> bool:
        """Claim and execute one run; False when there was nothing to do."""
        run = await self.claim()
        if run is None:
            return False
        WORKER_METRICS.claimed(run)
        with continued(run):  # runStart's trace and request id
            await self._execute(run)
        return True

    async def _execute(self, run: models.Run) -> None:
        if run.attempts > self.max_attempts:
            await self._finish(run, "FAILED", error=f"gave up after {self.max_attempts} attempts")
            return
        started = time.monotonic()
        progress = RunProgress()
        execution = asyncio.create_task(
            # A `run.execute` span: the runtime's call (Langflow's HTTP span) is its child.
            within("run.execute", self.runtime.run(run.flow_id, run.input, str(run.id), progress))
        )
        writer = PartialOutputWriter(
            self.services.db, run.id, self.name, progress, self.progress_seconds
        )
        try:
            still_ours = await self._hold_lease_while(run, execution)
        except asyncio.CancelledError:
            # Stopping past the drain time: abandon the call and hand the run back.
            writer.cancel()
            execution.cancel()
            await asyncio.gather(execution, return_exceptions=True)
            await self._hand_back(run, progress)
            raise
        except Exception:  # the database failed us: leave nothing running behind
            writer.cancel()
            execution.cancel()
            raise
        await writer.close()
        if not still_ours:
            execution.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await execution
            log.info("run %s: cancelled or taken over; runtime call abandoned", run.id)
            return
        duration_ms = int((time.monotonic() - started) * 1000)
        try:
            result = execution.result()
        except RuntimeFailure as failure:
            if failure.retryable and run.attempts < self.max_attempts:
                # The flow did not run (Langflow unreachable): another attempt, later.
                await self._retry_later(run, failure.message)
                return
            await self._finish(run, "FAILED", error=failure.message, duration_ms=duration_ms)
            return
        except Exception as error:  # an adapter bug must fail the run, not the worker
            log.exception("run %s: runtime raised", run.id)
            await self._finish(
                run,
                "FAILED",
                error=f"runtime error: {type(error).__name__}",
                duration_ms=duration_ms,
            )
            return
        await self._finish(
            run,
            "SUCCEEDED",
            output=result.output,
            duration_ms=duration_ms,
            input_tokens=result.input_tokens,
            output_tokens=result.output_tokens,
        )
        return

    async def _hold_lease_while(self, run: models.Run, execution: asyncio.Task[object]) -> bool:
        """Renew the lease until the flow ends; False as soon as the run stops being ours
        (cancelled by runCancel, or the lease lapsed and another worker took it)."""
        interval = max(self.lease.total_seconds() / 3, 0.05)
        while True:
            done, _ = await asyncio.wait({execution}, timeout=interval)
            if done:
                return await self._still_ours(run, renew=False)
            if not await self._still_ours(run, renew=True):
                return False

    async def _still_ours(self, run: models.Run, renew: bool) -> bool:
        async with self.services.db.transaction() as session:
            statement = (
                update(models.Run)
                .where(models.leased_by(run.id, self.name))
                .returning(models.Run.id)
            )
            if renew:
                statement = statement.values(lease_expires_at=func.now() + self.lease)
            else:
                statement = statement.values(lease_owner=self.name)
            return await session.scalar(statement) is not None

    async def _hand_back(self, run: models.Run, progress: RunProgress) -> None:
        """Give up a run this stopping worker cannot finish, so another takes it at once. If
        the flow certainly never started, the attempt is given back too (the run is QUEUED
        as if never claimed); otherwise it counts, as a dead worker's does."""
        if progress.may_have_run:
            values: dict[str, object] = {
                "lease_owner": None,
                "lease_expires_at": func.now(),
                "output": None,
            }
        else:
            values = {
                "status": "QUEUED",
                "attempts": models.Run.attempts - 1,
                "lease_owner": None,
                "lease_expires_at": None,
                "output": None,
                "started_at": case((models.Run.attempts <= 1, None), else_=models.Run.started_at),
            }
        try:
            async with asyncio.timeout(HAND_BACK_SECONDS):
                async with self.services.db.transaction() as session:
                    handed = await session.scalar(
                        update(models.Run)
                        .where(models.leased_by(run.id, self.name))
                        .values(values)
                        .returning(models.Run.id)
                    )
                    await session.execute(select(func.pg_notify(RUNS_CHANNEL, "")))
        except Exception:
            log.exception("run %s: not handed back; its lease will lapse", run.id)
            return
        if handed is not None:
            log.warning(
                "run %s handed back on shutdown (%s)",
                run.id,
                "the flow may have run: attempt counted"
                if progress.may_have_run
                else "the flow never started: attempt not counted",
            )

    async def _retry_later(self, run: models.Run, reason: str) -> None:
        """Give the run up for a later attempt: it stays RUNNING without an owner until its
        lease lapses, then any worker claims it as it claims a dead worker's run."""
        async with self.services.db.transaction() as session:
            released = await session.scalar(
                update(models.Run)
                .where(models.leased_by(run.id, self.name))
                .values(lease_owner=None, lease_expires_at=func.now() + self.lease)
                .returning(models.Run.id)
            )
        if released is not None:
            log.warning(
                "run %s: attempt %d of %d did not reach the flow (%s); retrying in %g s",
                run.id,
                run.attempts,
                self.max_attempts,
                reason,
                self.lease.total_seconds(),
            )

    async def _finish(
        self,
        run: models.Run,
        status: str,
        output: object = None,
        error: str | None = None,
        duration_ms: int | None = None,
        input_tokens: int | None = None,
        output_tokens: int | None = None,
    ) -> None:
        async with self.services.db.transaction() as session:
            finished = await session.scalar(
                update(models.Run)
                .where(models.leased_by(run.id, self.name))
                .values(
                    status=status,
                    output=output,
                    error=error,
                    duration_ms=duration_ms,
                    input_tokens=input_tokens,
                    output_tokens=output_tokens,
                    finished_at=func.now(),
                    lease_owner=None,
                    lease_expires_at=None,
                )
                .returning(models.Run)
            )
        if finished is not None:
            WORKER_METRICS.finished(finished)
            with stage("run.settle"):
                await settle(self.services, finished)

    # ------------------------------------------------------------------ settlement sweeper

    async def sweep(self) -> int:
        """Settle finished runs whose settlement did not happen (billing was down, or the
        process died between finishing and settling)."""
        async with self.services.db.session() as session:
            pending = (
                await session.scalars(
                    select(models.Run)
                    .where(
                        models.Run.status.in_(tuple(models.TERMINAL)),
                        models.Run.settled.is_(False),
                        models.Run.finished_at
                        < func.now() - text(f"interval '{SETTLE_GRACE_SECONDS} seconds'"),
                    )
                    .limit(100)
                )
            ).all()
        for run in pending:
            await settle(self.services, run)
        return len(pending)

    async def release_orphans(self) -> list[str]:
        """Release reservations whose run was never stored: `runStart` reserves in billing,
        then commits the run, so a crash in between leaves a hold nobody settles."""
        keys = await self.services.billing.held(
            RESERVATION_PREFIX, self.services.settings.orphan_reservation_seconds
        )
        candidates = {
            run_id: key
            for key in keys
            if (run_id := try_parse_id(key.removeprefix(RESERVATION_PREFIX))) is not None
        }
        if not candidates:
            return []
        async with self.services.db.session() as session:
            stored = set(
                (
                    await session.scalars(
                        select(models.Run.id).where(models.Run.id.in_(list(candidates)))
                    )
                ).all()
            )
        released = []
        for run_id, key in candidates.items():
            if run_id not in stored:
                await self.services.billing.release(key)
                log.warning("released orphaned reservation %s (its run was never stored)", key)
                released.append(key)
        return released
