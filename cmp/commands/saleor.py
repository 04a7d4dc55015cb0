"""`cmp saleor bootstrap|sync`: set a real Saleor up for this project, then keep its catalog in
step with our offerings (cmp/saleor/). Both are idempotent and take `--dry-run`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

saleor_app = typer.Typer(no_args_is_help=True, help="Set up Saleor for this project")

DEFAULT_WEBHOOK_URL = "http://127.0.0.1:4000/webhooks/saleor"
DEFAULT_CONTROL_PLANE_URL = "http://127.0.0.1:4001/graphql"


def _fail(error: Exception) -> typer.Exit:
    typer.echo(f"error: {error}", err=True)
    return typer.Exit(2)


def _service_token(explicit: str) -> str:
    """CMP_SERVICE_TOKEN, else the development one `cmp dev` keeps under CMP_DATA_DIR."""
    if explicit:
        return explicit
    path = Path(os.environ.get("CMP_DATA_DIR", ".cmp")) / "service-token"
    return path.read_text().strip() if path.exists() else ""


@saleor_app.command("bootstrap")
def bootstrap_command(
    api: Annotated[str, typer.Option(envvar="SALEOR_API_URL", help="Saleor's …/graphql/ URL")],
    email: Annotated[
        str, typer.Option(envvar="SALEOR_STAFF_EMAIL", help="A staff user with MANAGE_APPS")
    ] = "",
    password: Annotated[
        str, typer.Option(envvar="SALEOR_STAFF_PASSWORD", help="That staff user's password")
    ] = "",
    token: Annotated[
        str, typer.Option(envvar="SALEOR_STAFF_TOKEN", help="Or that user's access token")
    ] = "",
    webhook_url: Annotated[
        str, typer.Option(help="The router's /webhooks/saleor, as Saleor reaches it")
    ] = DEFAULT_WEBHOOK_URL,
    app_name: Annotated[str, typer.Option(help="The app's name in Saleor")] = "CMP",
    new_token: Annotated[
        bool, typer.Option(help="Issue another app token (Saleor shows one only once)")
    ] = False,
    dry_run: Annotated[bool, typer.Option(help="Say what would change; change nothing")] = False,
) -> None:
    """Create or update the app (and print its token), its ORDER_FULLY_PAID webhook, the
    digital product type for agents and their category."""
    from cmp.saleor.bootstrap import BootstrapOptions, bootstrap, sign_in
    from cmp.saleor.client import GraphQLClient, SetupError

    if not token and not (email and password):
        raise typer.BadParameter("give --email and --password of a staff user, or --token")
    client = GraphQLClient(api)
    try:
        staff = client.with_bearer(token or sign_in(client, email, password))
        report = bootstrap(
            staff, BootstrapOptions(webhook_url, app_name, new_token=new_token), dry_run
        )
    except SetupError as error:
        raise _fail(error) from error
    finally:
        client.close()
    for step in report.steps:
        typer.echo(f"{'would ' if dry_run and step.verb != 'keep' else ''}{step}")
    if report.app_token:
        typer.echo("\nThe app's token (Saleor will not show it again): give it to control-plane")
        typer.echo(f"SALEOR_APP_TOKEN={report.app_token}")
    elif not dry_run and not new_token:
        typer.echo("\n(the app existed: its token was printed when it was created; --new-token)")


@saleor_app.command("sync")
def sync_command(
    prices: Annotated[Path, typer.Option(help="Price list (TOML): plans and credit packs")],
    api: Annotated[str, typer.Option(envvar="SALEOR_API_URL", help="Saleor's …/graphql/ URL")],
    app_token: Annotated[
        str, typer.Option(envvar="SALEOR_APP_TOKEN", help="The bootstrap's app token")
    ],
    control_plane_url: Annotated[
        str, typer.Option(envvar="CONTROL_PLANE_URL", help="control-plane's GraphQL endpoint")
    ] = DEFAULT_CONTROL_PLANE_URL,
    service_token: Annotated[
        str,
        typer.Option(
            envvar="CMP_SERVICE_TOKEN",
            help="The service credential (default: the one `cmp dev` keeps in CMP_DATA_DIR)",
        ),
    ] = "",
    staff_token: Annotated[
        str, typer.Option(help="A staff access token, instead of the service credential")
    ] = "",
    offering: Annotated[
        list[str] | None, typer.Option(help="Only this offering's slug (repeatable)")
    ] = None,
    dry_run: Annotated[bool, typer.Option(help="Say what would change; change nothing")] = False,
) -> None:
    """Make every offering a Saleor product (a variant per plan and credit pack, priced and
    published) and link them back to the offering."""
    from cmp.saleor.client import GraphQLClient, SetupError
    from cmp.saleor.prices import load_prices
    from cmp.saleor.sync import sync

    credential = _service_token(service_token)
    if staff_token:
        headers = {"Authorization": f"Bearer {staff_token}"}
    elif credential:
        headers = {"X-CMP-Service-Token": credential}
    else:
        raise typer.BadParameter("set CMP_SERVICE_TOKEN or give --staff-token")
    saleor = GraphQLClient(api).with_bearer(app_token)
    ours = GraphQLClient(control_plane_url, headers)
    try:
        only = frozenset(offering) if offering else None
        report = sync(saleor, ours, load_prices(prices), dry_run=dry_run, only=only)
    except SetupError as error:
        raise _fail(error) from error
    finally:
        saleor.close()
        ours.close()
    for step in report.steps:
        typer.echo(f"{'would ' if dry_run and step.verb != 'keep' else ''}{step}")
    if not report.changed:
        typer.echo("Saleor's catalog matches the offerings")


def register(app: typer.Typer) -> None:
    app.add_typer(saleor_app, name="saleor")
