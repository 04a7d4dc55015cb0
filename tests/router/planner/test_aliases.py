"""The alias pass on fetch selections: one response key with different types in the receiving
subgraph gets aliased wherever the fields meet in one selection set, `_entities`' side-by-side
type conditions included."""

from __future__ import annotations

from router.planner.fetch_graph.graph import FetchGraph
from router.planner.optimize.aliases import alias_conflicting_fields


def test_conflict_between_entity_type_conditions() -> None:
    fetches = FetchGraph()
    group = fetches.new_group("alpha", ("search", "@"), is_entity=True)
    team = group.selection.fragment("Team")
    team.field("teams", "teams", output_type="[Team]", composite=True).child.field(  # type: ignore[union-attr]
        "code", "code", output_type="String"
    )
    venue = group.selection.fragment("Venue")
    venue.field("teams", "teams", output_type="[Team!]", composite=True).child.field(  # type: ignore[union-attr]
        "label", "label", output_type="String"
    )
    alias_conflicting_fields(fetches)
    used: set[str] = set()
    assert group.selection.print(frozenset(), used) == (
        "{...on Team{teams{code}} ...on Venue{teams__alias_0:teams{label}}}"
    )
    assert group.output_renames == [(("... on Venue", "teams__alias_0"), "teams")]


def test_same_types_are_not_aliased() -> None:
    fetches = FetchGraph()
    group = fetches.new_group("s", (), is_entity=False)
    items = group.selection.field("items", "items", output_type="[Item!]!", composite=True)
    assert items.child is not None
    items.child.fragment("Shirt").field("id", "id", output_type="ID")
    items.child.fragment("Mug").field("id", "id", output_type="ID")
    alias_conflicting_fields(fetches)
    assert group.output_renames == []
