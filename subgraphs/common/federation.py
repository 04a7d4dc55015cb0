"""The schema class every subgraph of ours uses."""

from __future__ import annotations

from typing import Final

import strawberry
from graphql import GraphQLError
from strawberry.types import ExecutionContext
from strawberry.utils.logging import StrawberryLogger

FEDERATION_VERSION: Final = "2.7"


class SubgraphSchema(strawberry.federation.Schema):
    """Logs only unexpected errors: a client's bad input or a refused access is an answer,
    not an incident, and must not fill the logs with stack traces."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        for error in errors:
            original = error.original_error
            if original is not None and not isinstance(original, GraphQLError):
                StrawberryLogger.error(error, execution_context)
