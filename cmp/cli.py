"""The `cmp` command: dev stack, migrations, subgraphs, SDL export, development tokens."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer

from cmp.commands import register_all
from cmp.entry import prepare, report_startup_errors

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    help="CMP supergraph",
)


HOST_HELP = "Address to listen on (0.0.0.0: every one)"
SUBGRAPH_NAMES = "control-plane, billing or execution"


@app.command()
def dev(
    port: Annotated[int, typer.Option(help="Base port; subgraphs take the next ones")] = 4000,
    host: Annotated[str, typer.Option(help=HOST_HELP)] = "127.0.0.1",
) -> None:
    """Run everything locally (embedded PostgreSQL unless DATABASE_URL is set)."""
    from cmp.devstack import run_dev
    from cmp.embedded_postgres import EmbeddedPostgresUnavailable
    from subgraphs.execution.services import RuntimeMisconfigured

    try:
        run_dev(host, port)
    except EmbeddedPostgresUnavailable as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from error
    except RuntimeMisconfigured as error:
        typer.echo(f"cmp dev: {error}", err=True)
        raise typer.Exit(2) from None


@app.command()
def migrate(
    database_url: Annotated[
        str, typer.Option(envvar="DATABASE_URL", help="The PostgreSQL server to migrate")
    ] = "",
) -> None:
    """Apply every subgraph's migrations to DATABASE_URL."""
    from cmp.migrations import migrate_all

    if not database_url:
        raise typer.BadParameter("set DATABASE_URL or pass --database-url")
    migrate_all(database_url)
    typer.echo("migrated")


@app.command()
def subgraph(
    name: Annotated[str, typer.Argument(help=f"The subgraph: {SUBGRAPH_NAMES}")],
    port: Annotated[
        int | None,
        typer.Option(
            help="Port to listen on (default: control-plane 4001, billing 4002, execution 4003)"
        ),
    ] = None,
    host: Annotated[str, typer.Option(help=HOST_HELP)] = "127.0.0.1",
) -> None:
    """Serve one subgraph: control-plane, billing or execution (configuration from the
    environment; execution's runs need `cmp worker` beside it)."""
    from cmp.serving import start_server
    from kernel.logs import configure_logs, json_logs
    from subgraphs.registry import SUBGRAPHS

    spec = SUBGRAPHS.get(name)
    if spec is None:
        raise typer.BadParameter(f"unknown subgraph {name!r}; one of {', '.join(SUBGRAPHS)}")

    async def main() -> None:
        app = spec.app_factory()()  # refuses bad settings before logging is set up
        configure_logs(json_logs(default=True))
        server = await start_server(app, host, port or spec.default_port, "info")
        await server.task

    asyncio.run(main())


@app.command()
def sdl(
    check: Annotated[bool, typer.Option(help="Fail if a committed SDL is stale")] = False,
) -> None:
    """Write each subgraph's SDL to schema/<name>.graphql."""
    # Here, not at the top: it imports every subgraph (Strawberry), which `cmp router` —
    # whose start-up is measured — does not need.
    from cmp import sdl as sdl_files

    if check:
        stale = sdl_files.stale_sdls()
        if stale:
            typer.echo(f"stale SDL: {', '.join(stale)} (run `cmp sdl`)", err=True)
            raise typer.Exit(1)
        typer.echo("SDLs are current")
        return
    for path in sdl_files.write_sdls():
        typer.echo(f"wrote {path}")


@app.command()
def token(
    email: Annotated[str, typer.Option(help="The user's email")],
    staff: Annotated[bool, typer.Option(help="Mark the user as staff")] = False,
    ttl: Annotated[int, typer.Option(help="Lifetime in seconds")] = 3600,
    playground: Annotated[
        bool,
        typer.Option(help="Print the playground's address, opening it signed in with the token"),
    ] = False,
    router_url: Annotated[
        str, typer.Option(help="The router's /graphql, for --playground")
    ] = "http://127.0.0.1:4000/graphql",
) -> None:
    """Print a development access token that the stack trusts in development (signed with the
    key in the project's .cmp/, wherever this runs)."""
    from kernel.auth.dev_issuer import DevIssuer
    from kernel.settings import CommonSettings

    settings = CommonSettings()
    if not settings.is_development:
        raise typer.BadParameter("the development issuer exists only with CMP_ENV=development")
    key = settings.dev_issuer_key_path
    if not key.exists():
        typer.echo(f"cmp token: no development issuer key yet; creating {key}", err=True)
    issuer = DevIssuer.load_or_create(key)
    signed = issuer.token(email, is_staff=staff, ttl_seconds=ttl)
    # In the fragment: a browser never sends it to the server (nor to its logs).
    typer.echo(f"{router_url}#token={signed}" if playground else signed)


register_all(app)


def main() -> None:
    """The typer app's entry (cmp.entry.main is the console's, and comes here for every command
    but a plain `cmp router`)."""
    prepare()
    report_startup_errors(app)


if __name__ == "__main__":
    main()
