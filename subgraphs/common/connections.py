"""Relay connections of any node type: `Connection[Run]` is the SDL's `RunConnection` (with
`RunEdge`), and `CountedConnection[Run]` the same with `totalCount`. Built from a `Page`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

import strawberry

from subgraphs.common.pagination import Page, PageInfo

Node = TypeVar("Node")
Row = TypeVar("Row")


@strawberry.type
class Edge(Generic[Node]):
    cursor: str
    node: Node


@strawberry.type
class Connection(Generic[Node]):
    edges: list[Edge[Node]]
    page_info: PageInfo

    @classmethod
    def of(cls, page: Page[Row], node: Callable[[Row], Node]) -> Connection[Node]:
        return cls(edges=_edges(page, node), page_info=page.page_info())


# Named "Connection" too: Strawberry names `CountedConnection[Run]` "RunConnection", as the
# contract does (whether a connection counts is not part of its name).
@strawberry.type(name="Connection")
class CountedConnection(Connection[Node]):
    total_count: int

    @classmethod
    def of(cls, page: Page[Row], node: Callable[[Row], Node]) -> CountedConnection[Node]:
        return cls(edges=_edges(page, node), page_info=page.page_info(), total_count=page.total)


def _edges(page: Page[Row], node: Callable[[Row], Node]) -> list[Edge[Node]]:
    return [Edge(cursor=cursor, node=node(row)) for cursor, row in page.edges()]
