"""Supergraph SDL data: the subgraph SDLs, supergraph.toml and the composed supergraph (a package
only so the .graphql files ship with the project; the composition itself is `composition/`)."""
