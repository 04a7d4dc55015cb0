from __future__ import annotations


class SupergraphError(ValueError):
    """The supergraph SDL cannot be served (malformed, or relies on an unsupported feature)."""
