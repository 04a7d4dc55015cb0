"""The execution subgraph schema (Federation 2)."""

from __future__ import annotations

from subgraphs.common.app import build_schema_extensions
from subgraphs.common.federation import FEDERATION_VERSION, SubgraphSchema
from subgraphs.execution.mutations import Mutation
from subgraphs.execution.queries import Query
from subgraphs.execution.subscriptions import Subscription
from subgraphs.execution.types import Instance, Run

schema = SubgraphSchema(
    query=Query,
    mutation=Mutation,
    subscription=Subscription,
    types=[Run, Instance],
    extensions=build_schema_extensions(),
    federation_version=FEDERATION_VERSION,
)
