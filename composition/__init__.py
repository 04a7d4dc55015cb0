"""Compose subgraph SDLs into an Apollo-compatible supergraph (join spec), in Python."""

from .compose import SubgraphInput, compose
from .errors import CompositionError, CompositionFailed

__all__ = ["CompositionError", "CompositionFailed", "SubgraphInput", "compose"]
