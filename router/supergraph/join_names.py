"""Local names of the join spec's elements in one supergraph (the spec may be renamed with `as`)."""

from __future__ import annotations

from dataclasses import dataclass

from router.supergraph.links import LinkedFeature


@dataclass(frozen=True)
class JoinNames:
    version: tuple[int, int]
    graph: str
    graph_enum: str
    type: str
    field: str
    implements: str
    union_member: str
    owner: str

    @classmethod
    def of(cls, join: LinkedFeature) -> JoinNames:
        return cls(
            version=join.version,
            graph=join.element("@graph"),
            graph_enum=join.element("Graph"),
            type=join.element("@type"),
            field=join.element("@field"),
            implements=join.element("@implements"),
            union_member=join.element("@unionMember"),
            owner=join.element("@owner"),
        )
