"""How every mutation of ours answers a failure: in its payload's `errors` (Saleor's
convention), never as a GraphQL error, and with nothing committed.

A `CmpFailure` is the expected kind (bad input, refused access, a conflict found by a check).
A unique index or constraint that refuses a write is a CONFLICT: a race the checks before it
could not see. Any other database failure is UNAVAILABLE ("try again"). In each case the
transaction the work opened was rolled back as the exception left it.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from kernel.outage import is_database_outage
from subgraphs.common.error_masking import UNAVAILABLE_MESSAGE
from subgraphs.common.errors import CmpErrorCode, CmpFailure, conflict

log = logging.getLogger(__name__)

P = TypeVar("P")


async def errors_in_payload(
    payload: Callable[..., P],
    work: Callable[[], Awaitable[P]],
    *,
    conflict_message: str = "conflicts with existing data",
    failed: Callable[[CmpFailure], P] | None = None,
) -> P:
    """`work()`'s payload, or, when it fails, `payload(errors=[...])` (or `failed(failure)`
    for a payload that says more than its errors)."""
    try:
        return await work()
    except CmpFailure as failure:
        refusal = failure
    except IntegrityError:
        refusal = conflict(conflict_message)
    except SQLAlchemyError as error:
        if is_database_outage(error):
            log.warning("mutation not applied: database outage (%s)", error)
        else:
            log.exception("mutation not applied: database error")
        refusal = CmpFailure(CmpErrorCode.UNAVAILABLE, UNAVAILABLE_MESSAGE)
    if failed is not None:
        return failed(refusal)
    return payload(errors=[refusal.as_error()])
