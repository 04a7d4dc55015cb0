"""The contract's error shape as our subgraphs' GraphQL types.

The classes live in `kernel.errors` (plain Python, shared with the router and the webhooks);
this module declares them to Strawberry once (Strawberry decorates the classes in place) and is
what the subgraphs import them from, so the declaration always precedes a schema.
"""

from __future__ import annotations

import strawberry

from kernel.errors import CmpError as CmpError
from kernel.errors import CmpErrorCode as CmpErrorCode
from kernel.errors import CmpFailure as CmpFailure
from kernel.errors import conflict as conflict
from kernel.errors import forbidden as forbidden
from kernel.errors import invalid as invalid
from kernel.errors import not_found as not_found
from kernel.errors import unauthenticated as unauthenticated

strawberry.enum(CmpErrorCode)
strawberry.federation.type(shareable=True)(CmpError)  # every subgraph of ours returns it
