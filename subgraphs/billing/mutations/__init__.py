"""billing's Mutation type: the public walletAdjust and the service-only wallet operations."""

from strawberry.tools import merge_types

from subgraphs.billing.mutations.internal import InternalMutation
from subgraphs.billing.mutations.wallets import WalletMutations

Mutation = merge_types("Mutation", (WalletMutations, InternalMutation))

__all__ = ["Mutation"]
