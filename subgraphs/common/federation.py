"""The schema class every subgraph of ours uses."""

from __future__ import annotations

import logging
from typing import Final

import strawberry
from graphql import GraphQLError
from strawberry.types import ExecutionContext
from strawberry.utils.logging import StrawberryLogger

from kernel.outage import is_database_outage
from subgraphs.common.error_masking import is_unexpected, request_id_of

FEDERATION_VERSION: Final = "2.7"
log = logging.getLogger("subgraphs.errors")


class SubgraphSchema(strawberry.federation.Schema):
    """Logs only unexpected errors: a client's bad input or a refused access is an answer,
    not an incident, and must not fill the logs with stack traces. A database outage is one
    line per request (it is the database's incident, not this code's), with the request id."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        for error in errors:
            if not is_unexpected(error):
                continue
            assert error.original_error is not None
            if is_database_outage(error.original_error):
                log.warning(
                    "request %s: %s unavailable: database outage (%s: %s)",
                    request_id_of(execution_context) or "-",
                    ".".join(str(p) for p in error.path or ()) or "operation",
                    type(error.original_error).__name__,
                    error.original_error,
                )
                continue
            log.error("request %s failed", request_id_of(execution_context) or "-")
            StrawberryLogger.error(error, execution_context)
