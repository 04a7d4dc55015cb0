"""control-plane's Mutation type, assembled from one module per area."""

from strawberry.tools import merge_types

from subgraphs.control_plane.mutations.instances import InstanceMutations
from subgraphs.control_plane.mutations.memberships import MembershipMutations
from subgraphs.control_plane.mutations.offerings import OfferingMutations
from subgraphs.control_plane.mutations.orders import OrderMutations
from subgraphs.control_plane.mutations.organizations import OrganizationMutations

Mutation = merge_types(
    "Mutation",
    (
        OrganizationMutations,
        MembershipMutations,
        OfferingMutations,
        InstanceMutations,
        OrderMutations,
    ),
)

__all__ = ["Mutation"]
