"""`cmp dev`: every service of ours in one process on loopback ports — the router on the base
port in front of control-plane, billing and execution on the next three — on the embedded
PostgreSQL unless DATABASE_URL is set. compose.yaml runs the same apps as separate services."""

from __future__ import annotations

import asyncio
import logging
import secrets
import signal
from collections.abc import Sequence
from contextlib import ExitStack, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cmp.embedded_postgres import embedded_postgres
from cmp.migrations import migrate_all
from cmp.ports import check_port_free
from cmp.serving import RunningServer, start_server
from kernel.logs import configure_logs, json_logs
from kernel.metrics import MetricsSource
from kernel.settings import (
    BillingSettings,
    CommonSettings,
    ControlPlaneSettings,
    ExecutionSettings,
)
from router.http import create_app as create_router_app
from router.http.settings import RouterSettings
from router.pipeline import Router
from router.supergraph.cache import load_supergraph_cached
from subgraphs.billing.app import create_app as create_billing_app
from subgraphs.control_plane.app import create_app as create_control_plane_app
from subgraphs.execution.app import create_app as create_execution_app
from subgraphs.execution.metrics import WORKER_METRICS
from subgraphs.execution.services import check_runtime_settings
from webhooks.saleor.service import RouterHostOptions, SaleorWebhooks
from webhooks.saleor.settings import WebhookSettings

log = logging.getLogger("cmp.dev")
SUPERGRAPH_FILE = Path(__file__).resolve().parent.parent / "schema" / "supergraph.graphql"


@dataclass(frozen=True)
class DevPorts:
    base: int

    @property
    def router(self) -> int:
        return self.base

    @property
    def control_plane(self) -> int:
        return self.base + 1

    @property
    def billing(self) -> int:
        return self.base + 2

    @property
    def execution(self) -> int:
        return self.base + 3

    def by_service(self) -> dict[str, int]:
        return {
            "router": self.router,
            "control-plane": self.control_plane,
            "billing": self.billing,
            "execution": self.execution,
        }


def check_ports_free(host: str, ports: DevPorts) -> None:
    """Before anything starts (PostgreSQL, migrations): a busy port is one line (PortInUse)."""
    for service, port in ports.by_service().items():
        check_port_free(host, port, f"{service}; `cmp dev --port N` moves all four")


def stop_on_sigterm() -> None:
    """SIGTERM unwinds like Ctrl-C (SystemExit rather than death), so the embedded PostgreSQL
    is stopped on the way out. uvicorn hands the signal back to this handler once its servers
    have shut down."""

    def _exit(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, _exit)


def service_token(settings: CommonSettings) -> str:
    """The configured credential, else one kept under the data folder across restarts."""
    if settings.service_token:
        return settings.service_token
    path = settings.data_dir / "service-token"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(32))
        path.chmod(0o600)
    return path.read_text().strip()


async def serve_stack(host: str, ports: DevPorts, database_url: str, token: str) -> None:
    shared: dict[str, Any] = {"database_url": database_url, "service_token": token}
    control_plane_url = f"http://{host}:{ports.control_plane}/graphql"
    billing_url = f"http://{host}:{ports.billing}/graphql"
    control_plane_settings = ControlPlaneSettings(**shared, billing_url=billing_url)
    billing_settings = BillingSettings(**shared, control_plane_url=control_plane_url)
    execution_settings = ExecutionSettings(
        **shared,
        control_plane_url=control_plane_url,
        billing_url=billing_url,
    )
    execution_app = create_execution_app(execution_settings, run_worker=True)
    # The in-process worker's queue and run figures on the router's /metrics.
    worker_metrics = WORKER_METRICS.source(lambda: execution_app.state.resources.db)
    servers: list[RunningServer] = [
        await start_server(
            create_control_plane_app(control_plane_settings),
            host,
            ports.control_plane,
            "info",
            access_log=False,
        ),
        await start_server(
            create_billing_app(billing_settings), host, ports.billing, "info", access_log=False
        ),
        # The dev stack runs the worker inside the execution process.
        await start_server(
            execution_app,
            host,
            ports.execution,
            "info",
            access_log=False,
        ),
    ]
    webhooks = SaleorWebhooks(
        WebhookSettings(**shared, supergraph_url=f"http://{host}:{ports.router}/graphql")
    )
    servers.append(
        await start_server(
            dev_router_app(host, ports, token, webhooks, [worker_metrics]),
            host,
            ports.router,
            "info",
            access_log=False,
        )
    )
    names = ("control-plane", "billing", "execution", "router")
    for name, server in zip(names, servers, strict=True):
        log.info("%s: %s/graphql", name, server.url)
    try:
        await asyncio.gather(*(server.task for server in servers))
    finally:
        for server in servers:
            server.server.should_exit = True


def dev_router_app(
    host: str,
    ports: DevPorts,
    token: str,
    webhooks: SaleorWebhooks | None = None,
    metrics_sources: Sequence[MetricsSource] = (),
) -> Any:
    """The router in front of this stack's subgraphs (Saleor too when SALEOR_API_URL is set),
    reloading schema/supergraph.graphql when it changes."""
    settings = RouterSettings(service_token=token)
    config = settings.router_config()
    config.subgraph_urls.update(
        {
            "control-plane": f"http://{host}:{ports.control_plane}/graphql",
            "billing": f"http://{host}:{ports.billing}/graphql",
            "execution": f"http://{host}:{ports.execution}/graphql",
        }
    )
    supergraph = load_supergraph_cached(
        SUPERGRAPH_FILE.read_text(), settings.supergraph_cache_dir()
    )
    router = Router(supergraph, config)
    hosted = webhooks.router_host_options() if webhooks else RouterHostOptions()
    hosted["metrics_sources"] = [*hosted.get("metrics_sources", ()), *metrics_sources]
    return create_router_app(router, settings.http_options(SUPERGRAPH_FILE), **hosted)


def run_dev(host: str, port: int) -> None:
    settings = CommonSettings()
    # The in-process worker's runtime: refused here, in one line, rather than by its startup.
    check_runtime_settings(ExecutionSettings())
    ports = DevPorts(port)
    check_ports_free(host, ports)
    stop_on_sigterm()
    # One readable line per request (the router's), each line with its request and trace ids.
    configure_logs(json_logs(default=False))
    with ExitStack() as stack:
        database_url = settings.database_url
        if not database_url:
            database_url = stack.enter_context(embedded_postgres(Path(settings.data_dir)))
            log.info("embedded PostgreSQL at %s", database_url)
        log.info("applying migrations")
        migrate_all(database_url)
        with suppress(KeyboardInterrupt):  # Ctrl-C: a normal stop, no traceback
            asyncio.run(serve_stack(host, ports, database_url, service_token(settings)))
