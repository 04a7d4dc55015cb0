"""`cmp webhooks list|replay`: the Saleor webhook inbox, for the people on call."""

from __future__ import annotations

import asyncio
import uuid
from typing import Annotated

import typer

webhooks_app = typer.Typer(no_args_is_help=True, help="The Saleor webhook inbox")


def _inbox_call(work: str, argument: str | None = None) -> None:
    from kernel.database import Database
    from webhooks.saleor.inbox import Inbox
    from webhooks.saleor.settings import WebhookSettings

    settings = WebhookSettings()
    if not settings.database_url:
        raise typer.BadParameter("set DATABASE_URL")

    async def main() -> None:
        db = Database(settings.database_url, pool_size=1)
        inbox = Inbox(db)
        try:
            if work == "list":
                for row in await inbox.listing(argument):
                    error = f"  {row.last_error}" if row.last_error else ""
                    typer.echo(
                        f"{row.id}  {row.status:<9} attempts={row.attempts}  order={row.order_id}"
                        f"  received={row.received_at:%Y-%m-%d %H:%M:%S}{error}"
                    )
            else:
                assert argument is not None
                try:
                    delivery_id = uuid.UUID(argument)
                except ValueError as error:
                    raise typer.BadParameter(f"{argument!r} is not a delivery id") from error
                if not await inbox.replay(delivery_id):
                    typer.echo(f"no delivery {delivery_id}", err=True)
                    raise typer.Exit(1)
                typer.echo(f"queued {delivery_id} again")
        finally:
            await db.dispose()

    asyncio.run(main())


@webhooks_app.command("list")
def list_deliveries(
    status: Annotated[str | None, typer.Option(help="PENDING, PROCESSED or FAILED")] = None,
) -> None:
    """Show recent deliveries, newest first."""
    _inbox_call("list", status)


@webhooks_app.command()
def replay(delivery_id: Annotated[str, typer.Argument(help="A delivery id from `list`")]) -> None:
    """Process a delivery again (e.g. after fixing what made it fail)."""
    _inbox_call("replay", delivery_id)


def register(app: typer.Typer) -> None:
    app.add_typer(webhooks_app, name="webhooks")
