"""`cmp compose`: compose schema/supergraph.graphql from the subgraphs in schema/supergraph.toml.

`--fetch NAME` first asks that live subgraph for its `{ _service { sdl } }` (Saleor at
`--saleor-url`, ours at their routing URL) and, when the result composes, writes it to the
subgraph's SDL file — so `cmp compose --fetch saleor --saleor-url https://…/graphql/` refreshes
the project's copy of Saleor's schema. Nothing is written when fetching or composing fails."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

SALEOR = "saleor"
# composition.config's defaults, without importing the composition for every `cmp`
# command (the router's start-up is measured).
SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schema"


def _fetched_sdls(config: Path, names: list[str], saleor_url: str) -> dict[Path, str]:
    """The SDL files to rewrite, with what their live subgraphs answered."""
    from composition.config import ConfigError, load_config
    from composition.sources import fetch_sdl

    subgraphs = {c.name: c for c in load_config(config)}
    fetched: dict[Path, str] = {}
    for name in names:
        subgraph = subgraphs.get(name)
        if subgraph is None:
            raise ConfigError(f"--fetch {name}: no such subgraph in {config}")
        if subgraph.file is None:
            raise ConfigError(f"--fetch {name}: {config} reads it from a URL already")
        url = saleor_url if name == SALEOR else subgraph.routing_url
        if not url:
            raise ConfigError("--fetch saleor needs --saleor-url (or SALEOR_API_URL)")
        fetched[subgraph.file] = fetch_sdl(url)
    return fetched


def _compose(config: Path, replaced: dict[Path, str]) -> str:
    from composition.compose import SubgraphInput, compose
    from composition.config import load_config
    from composition.sources import load_inputs

    inputs = []
    for subgraph, loaded in zip(load_config(config), load_inputs(load_config(config)), strict=True):
        sdl = replaced.get(subgraph.file, loaded.sdl) if subgraph.file else loaded.sdl
        inputs.append(SubgraphInput(loaded.name, loaded.url, sdl))
    return compose(inputs) + "\n"


def register(app: typer.Typer) -> None:
    @app.command()
    def compose(
        check: Annotated[
            bool, typer.Option(help="Fail if the committed supergraph (or a fetched SDL) is stale")
        ] = False,
        config: Annotated[Path, typer.Option(help="Subgraph list")] = SCHEMA_DIR
        / "supergraph.toml",
        output: Annotated[Path, typer.Option(help="Supergraph SDL file")] = SCHEMA_DIR
        / "supergraph.graphql",
        fetch: Annotated[
            list[str] | None,
            typer.Option(help="NAME: refresh this subgraph's SDL file from it first (repeatable)"),
        ] = None,
        saleor_url: Annotated[
            str, typer.Option(envvar="SALEOR_API_URL", help="The Saleor `--fetch saleor` asks")
        ] = "",
    ) -> None:
        """Compose the supergraph (Apollo join spec) from the subgraph SDLs."""
        # Here, not at the top: every `cmp` command (the router's too) imports this module.
        from composition.config import ConfigError
        from composition.errors import CompositionFailed
        from composition.sources import SourceError

        try:
            fetched = _fetched_sdls(config, fetch or [], saleor_url)
            sdl = _compose(config, fetched)
        except (CompositionFailed, ConfigError, SourceError) as e:
            typer.echo(f"composition failed:\n{e}", err=True)
            raise typer.Exit(2) from e
        if check:
            stale = [str(p) for p, text in fetched.items() if p.read_text() != text]
            if not output.exists() or output.read_text() != sdl:
                stale.append(str(output))
            if stale:
                typer.echo(f"stale: {', '.join(stale)} (run `cmp compose`)", err=True)
                raise typer.Exit(1)
            typer.echo("supergraph is current")
            return
        for path, text in fetched.items():
            path.write_text(text)
            typer.echo(f"wrote {path}")
        output.write_text(sdl)
        typer.echo(f"wrote {output}")
