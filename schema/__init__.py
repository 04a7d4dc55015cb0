"""Supergraph schema: subgraph SDLs, their composition and the composed supergraph."""
