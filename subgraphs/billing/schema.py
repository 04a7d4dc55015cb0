"""The billing subgraph's federated schema."""

from __future__ import annotations

import strawberry
from strawberry.tools import merge_types

from subgraphs.billing.internal import InternalMutation, InternalQuery
from subgraphs.billing.mutations import Mutation as PublicMutation
from subgraphs.billing.queries import Query as PublicQuery
from subgraphs.billing.types import Order, Organization, Wallet
from subgraphs.common.app import build_schema_extensions
from subgraphs.common.federation import FEDERATION_VERSION, SubgraphSchema

Query = merge_types("Query", (PublicQuery, InternalQuery))


@strawberry.type
class Mutation(PublicMutation, InternalMutation):
    pass


schema = SubgraphSchema(
    query=Query,
    mutation=Mutation,
    types=[Wallet, Organization, Order],
    extensions=build_schema_extensions(),
    federation_version=FEDERATION_VERSION,
)
