"""The billing subgraph's federated schema."""

from __future__ import annotations

from strawberry.tools import merge_types

from subgraphs.billing.mutations import Mutation
from subgraphs.billing.queries import InternalQuery
from subgraphs.billing.queries import Query as PublicQuery
from subgraphs.billing.types import Order, Organization, Wallet
from subgraphs.common.app import build_schema_extensions
from subgraphs.common.federation import FEDERATION_VERSION, SubgraphSchema

Query = merge_types("Query", (PublicQuery, InternalQuery))

schema = SubgraphSchema(
    query=Query,
    mutation=Mutation,
    types=[Wallet, Organization, Order],
    extensions=build_schema_extensions(),
    federation_version=FEDERATION_VERSION,
)
