"""`cmp worker`: executes queued runs (configuration from the environment)."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def worker(
        heartbeat_file: Annotated[
            Path | None,
            typer.Option(
                help="Touch this file every few seconds; `python -m cmp.heartbeat FILE "
                "--max-age S` checks it (an exec probe for the worker)"
            ),
        ] = None,
    ) -> None:
        """Run queued runs on the flow runtime; several may run at once, on several hosts.
        With WORKER_HEALTH_PORT set, GET /health and /ready (the database answers) are served.
        SIGTERM or SIGINT drains (WORKER_DRAIN_SECONDS); a second one stops at once."""
        from cmp.heartbeat import beat
        from cmp.serving import start_server
        from kernel.database import Database
        from kernel.logs import configure_logs, json_logs
        from kernel.readiness import health_app
        from kernel.settings import ExecutionSettings
        from subgraphs.execution.metrics import WORKER_METRICS
        from subgraphs.execution.services import (
            RuntimeMisconfigured,
            build_runtime,
            build_services,
            check_runtime_settings,
        )
        from subgraphs.execution.worker import Worker

        settings = ExecutionSettings()
        if not settings.database_url:
            raise typer.BadParameter("set DATABASE_URL")
        try:
            check_runtime_settings(settings)
        except RuntimeMisconfigured as problem:
            typer.echo(f"cmp worker: {problem}", err=True)
            raise typer.Exit(2) from None
        configure_logs(json_logs(default=True))

        async def main() -> None:
            stop, hurry = asyncio.Event(), asyncio.Event()

            def signalled() -> None:
                (hurry if stop.is_set() else stop).set()

            loop = asyncio.get_running_loop()
            for signum in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(signum, signalled)
            db = Database(settings.database_url, settings.database_pool_size)
            services = build_services(settings, db)
            runtime = build_runtime(settings)
            await services.connect()
            # Beating goes on while the worker drains: it is alive until it has handed back.
            stopped = asyncio.Event()
            heartbeat = (
                asyncio.create_task(beat(heartbeat_file, stopped)) if heartbeat_file else None
            )
            probe = None
            if settings.worker_health_port:
                probe = await start_server(
                    health_app("worker", db, lambda: WORKER_METRICS.render(db)),
                    settings.worker_health_host,
                    settings.worker_health_port,
                )
            try:
                await Worker(services, runtime).run_forever(stop, hurry)
            finally:
                stop.set()
                stopped.set()
                if heartbeat is not None:
                    await heartbeat
                if probe is not None:
                    await probe.stop()
                await runtime.aclose()
                await services.aclose()
                await db.dispose()

        asyncio.run(main())
