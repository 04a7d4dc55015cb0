"""execution's Mutation type, assembled from one module per area."""

from strawberry.tools import merge_types

from subgraphs.execution.mutations.runs import RunMutations

Mutation = merge_types("Mutation", (RunMutations,))

__all__ = ["Mutation"]
