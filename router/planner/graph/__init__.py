"""The federated query graph: (type, subgraph) vertices and the edges a plan may follow."""

from router.planner.graph.model import Edge, EdgeKind, Vertex, VertexKind
from router.planner.graph.query_graph import QueryGraph

__all__ = ["Edge", "EdgeKind", "QueryGraph", "Vertex", "VertexKind"]
