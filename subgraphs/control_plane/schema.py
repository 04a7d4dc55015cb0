"""The control-plane subgraph schema (Federation 2)."""

from __future__ import annotations

from strawberry.tools import merge_types

from subgraphs.common.app import build_schema_extensions
from subgraphs.common.federation import FEDERATION_VERSION, SubgraphSchema
from subgraphs.control_plane.mutations import Mutation
from subgraphs.control_plane.queries import InternalQuery
from subgraphs.control_plane.queries import Query as PublicQuery
from subgraphs.control_plane.saleor_types import Order, Product, ProductVariant, User
from subgraphs.control_plane.types import Instance, Offering, Organization, Plan, Project

Query = merge_types("Query", (PublicQuery, InternalQuery))

schema = SubgraphSchema(
    query=Query,
    mutation=Mutation,
    types=[Organization, Project, Offering, Plan, Instance, Product, ProductVariant, User, Order],
    extensions=build_schema_extensions(),
    federation_version=FEDERATION_VERSION,
)
