"""Subgraphs the router must not call: no URL was configured for them, and the supergraph's
default one is a guess (for Saleor, 127.0.0.1:8000 — whatever listens there would receive the
caller's token). Their fetches fail before anything is sent; the fields they would resolve get
SUBGRAPH_NOT_CONFIGURED errors and the rest of the answer arrives as usual."""

from __future__ import annotations

from router.executor import FetchFailure, SubgraphTransport

SUBGRAPH_NOT_CONFIGURED = "SUBGRAPH_NOT_CONFIGURED"
_SCHEME = "unconfigured:"
# What an operator sets to connect each subgraph that may be left out.
_HOW_TO_CONNECT = {"saleor": "set SALEOR_API_URL"}


def unconfigured_url(name: str) -> str:
    """Stands in for the subgraph's URL; never a network address."""
    return f"{_SCHEME}{name}"


class GuardedTransport(SubgraphTransport):
    """The subgraph transport, refusing the placeholder URLs of unconfigured subgraphs."""

    def _check(self, url: str) -> None:
        if url.startswith(_SCHEME):
            name = url.removeprefix(_SCHEME)
            how = _HOW_TO_CONNECT.get(name, f"give the router its URL ({name}=URL)")
            raise FetchFailure(f"not configured: {how}", SUBGRAPH_NOT_CONFIGURED, public=True)
