"""`cmp plan SUPERGRAPH QUERY_FILE` and `cmp router --supergraph FILE`."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from router.http.options import HttpOptions
    from router.pipeline import Router


def register(app: typer.Typer) -> None:
    app.command("plan")(plan)
    app.command("router")(router)


def plan(
    supergraph: Annotated[Path, typer.Argument(help="Supergraph SDL file", exists=True)],
    query_file: Annotated[Path, typer.Argument(help="File with the operation", exists=True)],
    operation_name: Annotated[str | None, typer.Option(help="Operation to plan")] = None,
    label: Annotated[
        list[str] | None, typer.Option(help="Active progressive-override label (repeatable)")
    ] = None,
    json_form: Annotated[
        bool, typer.Option("--json", help="Print the plan as JSON (Apollo's QueryPlan object)")
    ] = False,
) -> None:
    """Print the query plan of an operation, like Apollo's query plan output."""
    import json

    from graphql import parse, validate

    from router.planner import PlanningError, QueryPlanner, plan_to_json
    from router.planner.normalize import normalize_operation
    from router.supergraph import SupergraphError, load_supergraph

    try:
        loaded = load_supergraph(supergraph.read_text())
    except SupergraphError as error:
        typer.echo(f"cannot load {supergraph}: {error}", err=True)
        raise typer.Exit(2) from error
    document = parse(query_file.read_text())
    errors = validate(loaded.api_schema, document)
    if errors:
        for invalid in errors:
            typer.echo(f"invalid operation: {invalid.message}", err=True)
        raise typer.Exit(1)
    operation = normalize_operation(loaded.api_schema, document, operation_name)
    try:
        plan = QueryPlanner(loaded).plan(operation, frozenset(label or ()))
    except PlanningError as error:
        typer.echo(f"query planning failed: {error}", err=True)
        raise typer.Exit(1) from error
    typer.echo(json.dumps(plan_to_json(plan), indent=2) if json_form else str(plan))


def router(
    supergraph: Annotated[Path, typer.Option(help="Supergraph SDL file", exists=True)],
    host: Annotated[str, typer.Option(help="Address to listen on (0.0.0.0: every one)")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="Port to listen on")] = 4000,
    label: Annotated[
        list[str] | None, typer.Option(help="Enable a progressive-override label (repeatable)")
    ] = None,
    subgraph_url: Annotated[
        list[str] | None,
        typer.Option(help="NAME=URL: where a subgraph is, over the supergraph's (repeatable)"),
    ] = None,
    timeout: Annotated[
        float | None, typer.Option(help="Subgraph fetch timeout, seconds (ROUTER_TIMEOUT_SECONDS)")
    ] = None,
    subgraph_timeout: Annotated[
        list[str] | None, typer.Option(help="NAME=SECONDS: one subgraph's timeout (repeatable)")
    ] = None,
    cors_origin: Annotated[
        list[str] | None,
        typer.Option(help="Browser origin allowed to call the router (repeatable)"),
    ] = None,
    trusted_documents: Annotated[
        list[Path] | None,
        typer.Option(
            help="Trusted-document manifest (ROUTER_TRUSTED_DOCUMENTS; repeatable): in "
            "production only its documents run",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    reload: Annotated[
        bool, typer.Option(help="Reload the supergraph file (and manifests) when it changes")
    ] = True,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Processes serving the port (ROUTER_WORKERS; default: one per usable core with "
            "CMP_ENV=production, else 1)",
        ),
    ] = None,
) -> None:
    """Serve the supergraph: /graphql (POST, GET, the playground), /health, /ready, /metrics.

    Configuration comes from the environment (README, configuration); flags win over it."""
    # Imports stay inside: `cmp router` must not load what other commands need (strawberry,
    # composition, httpx, the subgraphs' auth) — it is ready in well under half a second.
    import os

    # pydantic scans every installed package's entry points for plugins on first use; the
    # router uses none, and the scan is a noticeable part of its start-up.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # Decided from the environment directly: with several workers, prometheus_client must not
    # be imported (router.http imports it) before its multiprocess directory is set.
    production = os.environ.get("CMP_ENV", "development") == "production"
    try:
        configured = int(os.environ.get("ROUTER_WORKERS") or 0)
    except ValueError:
        typer.echo("bad configuration: ROUTER_WORKERS must be a whole number", err=True)
        raise typer.Exit(2) from None
    if configured < 0:
        typer.echo("bad configuration: ROUTER_WORKERS must be at least 1", err=True)
        raise typer.Exit(2)
    count = workers or configured or (_usable_cores() if production else 1)
    if count > 1:
        from cmp.router_workers import multiprocess_metrics

        with multiprocess_metrics():
            _serve(
                supergraph,
                host,
                port,
                label,
                subgraph_url,
                timeout,
                subgraph_timeout,
                cors_origin,
                trusted_documents,
                reload,
                count,
            )
    else:
        _serve(
            supergraph,
            host,
            port,
            label,
            subgraph_url,
            timeout,
            subgraph_timeout,
            cors_origin,
            trusted_documents,
            reload,
            1,
        )


def _usable_cores() -> int:
    """Cores this process may run on (taskset/cpuset), not every core of the host."""
    import os

    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def _serve(
    supergraph: Path,
    host: str,
    port: int,
    label: list[str] | None,
    subgraph_url: list[str] | None,
    timeout: float | None,
    subgraph_timeout: list[str] | None,
    cors_origin: list[str] | None,
    trusted_documents: list[Path] | None,
    reload: bool,
    workers: int,
) -> None:
    import gc

    from pydantic import ValidationError

    from router.http.settings import RouterSettings
    from router.pipeline import Router
    from router.pipeline.manifests import ManifestError
    from router.supergraph import SupergraphError
    from router.supergraph.cache import load_supergraph_cached

    try:
        settings = RouterSettings()
    except ValidationError:
        raise  # cmp.cli.main names each refused variable (e.g. CMP_ENV) in one line
    except ValueError as error:
        typer.echo(f"bad configuration: {error}", err=True)
        raise typer.Exit(2) from error
    if subgraph_url:
        settings.subgraph_urls = ",".join(filter(None, [settings.subgraph_urls, *subgraph_url]))
    if subgraph_timeout:
        settings.subgraph_timeouts = ",".join(
            filter(None, [settings.subgraph_timeouts, *subgraph_timeout])
        )
    if timeout is not None:
        settings.timeout_seconds = timeout
    if cors_origin:
        settings.cors_origins = ",".join(cors_origin)
    if trusted_documents:
        settings.trusted_documents = ",".join(
            filter(None, [settings.trusted_documents, *map(str, trusted_documents)])
        )
    if not reload:
        settings.reload_seconds = 0
    try:
        config = settings.router_config(frozenset(label or ()))
        loaded = load_supergraph_cached(supergraph.read_text(), settings.supergraph_cache_dir())
        service = Router(loaded, config)
    except SupergraphError as error:
        typer.echo(f"cannot load {supergraph}: {error}", err=True)
        raise typer.Exit(2) from error
    except ManifestError as error:
        typer.echo(f"cannot load the trusted documents: {error}", err=True)
        raise typer.Exit(2) from error
    except ValueError as error:
        typer.echo(f"bad configuration: {error}", err=True)
        raise typer.Exit(2) from error

    from router.http.logs import configure_json_logs

    configure_json_logs()
    options = settings.http_options(supergraph.resolve())
    # What is loaded now (schema, supergraph, modules) lives as long as the process: keep it
    # out of the cyclic collector's scans, and collect young objects less often (request trees
    # are acyclic and freed by reference counting).
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 20, 20)

    def serve_one(sock: socket.socket | None = None) -> None:
        # uvloop: uvicorn installs it only when it owns the loop (uvicorn.run); here we do.
        import uvloop

        uvloop.run(_main(service, options, host, port, sock))

    if workers == 1:
        serve_one()
        return
    from cmp.router_workers import Supervisor, listening_socket

    try:
        sock = listening_socket(host, port)
    except OSError as error:
        typer.echo(f"cannot listen on {host}:{port}: {error}", err=True)
        raise typer.Exit(2) from error
    typer.echo(f"router listening on http://{host}:{port}/graphql ({workers} workers)")
    raise typer.Exit(Supervisor(workers, lambda: serve_one(sock)).run())


async def _main(
    service: Router,
    options: HttpOptions,
    host: str,
    port: int,
    sock: socket.socket | None,
) -> None:
    from cmp.serving import start_server
    from router.http import create_app
    from webhooks.saleor.settings import WebhookSettings

    # POST /webhooks/saleor lives on the router's host (its inbox needs DATABASE_URL); its
    # modules load only when a database is configured.
    webhook_settings = WebhookSettings()
    webhooks = None
    if webhook_settings.database_url:
        from webhooks.saleor.service import webhooks_for_router

        webhooks = webhooks_for_router(webhook_settings)
    app = create_app(
        service,
        options,
        extra_routes=webhooks.routes() if webhooks else (),
        extra_lifespan=webhooks.running if webhooks else None,
        readiness_checks=webhooks.readiness_checks() if webhooks else None,
        metrics_sources=webhooks.metrics_sources() if webhooks else (),
    )
    # WebSockets on: /graphql speaks graphql-transport-ws for subscriptions.
    server = await start_server(app, host, port, "warning", sock=sock)
    if sock is None:
        typer.echo(f"router listening on {server.url}/graphql")
    await server.task
