"""The default limits on what one request may carry, written once: the router's and the
subgraphs' settings (their environment variables' defaults), the router's HttpOptions and
OperationLimits and the subgraphs' SubgraphLimits all read them from here."""

from __future__ import annotations

from kernel.operation_shape import ShapeLimits

# Request bodies, counted as they arrive (router and subgraphs).
MAX_REQUEST_BYTES = 2_000_000
# JSON bodies and variables nested deeper are refused with 400 (router, subgraphs, webhooks).
MAX_JSON_DEPTH = 64
# graphql-core stops parsing a document beyond this many tokens.
MAX_TOKENS = 15_000

# What a client may send the router.
ROUTER_MAX_DOCUMENT_BYTES = 32_768
ROUTER_SHAPE = ShapeLimits(max_depth=20, max_aliases=30, max_root_fields=20, max_fields=500)
# What a subgraph accepts, whoever calls it: the router's entity fetches batch many
# representations under aliases, so aliases, root fields and fields are looser than the router's.
SUBGRAPH_SHAPE = ShapeLimits(max_depth=20, max_aliases=100, max_root_fields=1_000, max_fields=1_000)
