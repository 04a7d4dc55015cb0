"""The billing subgraph's federated schema."""

from __future__ import annotations

import strawberry

from subgraphs.billing.internal import InternalMutation
from subgraphs.billing.mutations import Mutation as PublicMutation
from subgraphs.billing.queries import Query
from subgraphs.billing.types import Order, Organization, Wallet
from subgraphs.common.app import build_schema_extensions


@strawberry.type
class Mutation(PublicMutation, InternalMutation):
    pass


schema = strawberry.federation.Schema(
    query=Query,
    mutation=Mutation,
    types=[Wallet, Organization, Order],
    extensions=build_schema_extensions(),
    federation_version="2.7",
)
