"""Satisfiability (Apollo's SATISFIABILITY_ERROR, composition-js/src/validate.ts), common cases.

Apollo walks every query the supergraph API allows and checks that the subgraphs can answer it
(directly, or by jumping between subgraphs through resolvable `@key`s, fetching `@requires`
conditions). This is a conservative subset of that traversal, in Apollo's order (a stack of
states, each type visited again only with a new set of subgraphs): from each root, through
object fields, `@key` jumps (Apollo's detour rule included), `@provides`, flat `@requires`,
and downcasts below interfaces and unions. It reports a field only when no subgraph path
reaches it. What it does not model (`@interfaceObject`, interfaces with `@key`, `@override`,
nested `@requires` selections or ones missing a key to resume, mutation fields defined in
several subgraphs, runtime-type mismatches of shared fields) it treats as satisfiable, so it
should never reject what Apollo accepts; it may accept what Apollo rejects.

Messages follow Apollo's: the witness query, then the reasons grouped by subgraph.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..errors import CompositionError
from ..model import TypeDef
from ..subgraph import Subgraph
from .traversal import Traversal


def validate_satisfiability(
    subgraphs: Sequence[Subgraph], types: Mapping[str, TypeDef]
) -> list[CompositionError]:
    """SATISFIABILITY_ERRORs for the common cases (see the module docstring)."""
    return Traversal(subgraphs, types).run()
