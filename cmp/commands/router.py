"""`cmp plan SUPERGRAPH QUERY_FILE` and `cmp router --supergraph FILE`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


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
) -> None:
    """Print the query plan of an operation, like Apollo's query plan output."""
    from graphql import parse, validate

    from router.planner import QueryPlanner
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
    typer.echo(str(QueryPlanner(loaded).plan(operation, frozenset(label or ()))))


def router(
    supergraph: Annotated[Path, typer.Option(help="Supergraph SDL file", exists=True)],
    host: str = "127.0.0.1",
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
    reload: Annotated[bool, typer.Option(help="Reload the supergraph file when it changes")] = True,
) -> None:
    """Serve the supergraph: /graphql (POST, GET, the playground), /health, /ready, /metrics.

    Configuration comes from the environment (README, configuration); flags win over it."""
    from cmp.serving import start_server
    from router.http import create_app
    from router.http.logs import configure_json_logs
    from router.http.settings import RouterSettings
    from router.pipeline import Router
    from router.supergraph import SupergraphError

    settings = RouterSettings()
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
    if not reload:
        settings.reload_seconds = 0
    try:
        config = settings.router_config(frozenset(label or ()))
        service = Router.from_sdl(supergraph.read_text(), config)
    except SupergraphError as error:
        typer.echo(f"cannot load {supergraph}: {error}", err=True)
        raise typer.Exit(2) from error
    except ValueError as error:
        typer.echo(f"bad configuration: {error}", err=True)
        raise typer.Exit(2) from error
    configure_json_logs()

    from webhooks.saleor.service import webhooks_for_router
    from webhooks.saleor.settings import WebhookSettings

    async def main() -> None:
        # POST /webhooks/saleor lives on the router's host (its inbox needs DATABASE_URL).
        webhooks = webhooks_for_router(WebhookSettings())
        app = create_app(
            service,
            settings.http_options(supergraph.resolve()),
            extra_routes=webhooks.routes() if webhooks else (),
            extra_lifespan=webhooks.running if webhooks else None,
        )
        server = await start_server(app, host, port, "warning")
        typer.echo(f"router listening on {server.url}/graphql")
        await server.task

    # uvloop: uvicorn installs it only when it owns the loop (uvicorn.run), and here we do.
    import uvloop

    uvloop.run(main())
