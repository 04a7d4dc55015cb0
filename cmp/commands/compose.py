"""`cmp compose`: compose schema/supergraph.graphql from the subgraphs in schema/supergraph.toml."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from schema.composition.config import DEFAULT_CONFIG, DEFAULT_OUTPUT, ConfigError
from schema.composition.errors import CompositionFailed
from schema.composition.project import compose_project
from schema.composition.sources import SourceError


def register(app: typer.Typer) -> None:
    @app.command()
    def compose(
        check: Annotated[
            bool, typer.Option(help="Fail if the committed supergraph is stale")
        ] = False,
        config: Annotated[Path, typer.Option(help="Subgraph list")] = DEFAULT_CONFIG,
        output: Annotated[Path, typer.Option(help="Supergraph SDL file")] = DEFAULT_OUTPUT,
    ) -> None:
        """Compose the supergraph (Apollo join spec) from the subgraph SDLs."""
        try:
            sdl = compose_project(config)
        except (CompositionFailed, ConfigError, SourceError) as e:
            typer.echo(f"composition failed:\n{e}", err=True)
            raise typer.Exit(2) from e
        if check:
            if not output.exists() or output.read_text() != sdl:
                typer.echo(f"stale supergraph: {output} (run `cmp compose`)", err=True)
                raise typer.Exit(1)
            typer.echo("supergraph is current")
            return
        output.write_text(sdl)
        typer.echo(f"wrote {output}")
