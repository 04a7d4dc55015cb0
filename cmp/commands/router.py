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
    # composition, httpx, the subgraphs' auth). `cmp router` usually does not even get here:
    # cmp/entry.py parses the options itself and calls run_router without loading typer.
    from cmp.router_command import RouterArguments, run_router

    run_router(
        RouterArguments(
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
            workers,
        )
    )
