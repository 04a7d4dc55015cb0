"""`cmp compose`: compose schema/supergraph.graphql from the subgraphs in schema/supergraph.toml."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

# Not imported from schema.composition: registering this command must not load composition
# (every `cmp` command, `cmp router` included, would pay for it at startup).
SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schema"
DEFAULT_CONFIG = SCHEMA_DIR / "supergraph.toml"
DEFAULT_OUTPUT = SCHEMA_DIR / "supergraph.graphql"


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
        from schema.composition.config import ConfigError
        from schema.composition.errors import CompositionFailed
        from schema.composition.project import compose_project
        from schema.composition.sources import SourceError

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
