"""`cmp plan SUPERGRAPH QUERY_FILE` and `cmp router --supergraph FILE`."""

from __future__ import annotations

import asyncio
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
) -> None:
    """Serve the supergraph: POST /graphql and GET /health."""
    from cmp.serving import start_server
    from router.http import create_app
    from router.pipeline import Router, RouterConfig
    from router.supergraph import SupergraphError

    try:
        service = Router.from_sdl(
            supergraph.read_text(), RouterConfig(enabled_override_labels=frozenset(label or ()))
        )
    except SupergraphError as error:
        typer.echo(f"cannot load {supergraph}: {error}", err=True)
        raise typer.Exit(2) from error

    async def main() -> None:
        server = await start_server(create_app(service), host, port, "info")
        typer.echo(f"router listening on {server.url}/graphql")
        await server.task

    asyncio.run(main())
