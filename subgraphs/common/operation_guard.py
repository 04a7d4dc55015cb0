"""Limits on the operations a subgraph accepts, whoever sends them: the router's guards for
the subgraphs (reached directly, a subgraph must not be cheaper to attack than the router).

Parsing stops after `max_tokens` tokens. The operation's shape — depth, aliases, root fields,
fields, counted with fragments expanded by the same measure as the router's — is checked
BEFORE validation, which is the costly step (quadratic in repeated fields: one 110 kB document
used to cost seconds of CPU); only a document within limits is validated, through a shared
validation cache. The limits come from the app serving the request (`app.state`), so one
schema object serves apps configured differently (tests, the dev stack)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from graphql import DocumentNode, GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

from kernel.limits import MAX_TOKENS, SUBGRAPH_SHAPE
from kernel.operation_shape import ShapeLimits, limit_errors, measure

STATE_KEY = "operation_limits"
# Routers and services send the same few documents over and over: validate each once.
cached_validation = lru_cache(maxsize=512)(validate_document)


@dataclass(frozen=True)
class SubgraphLimits:
    max_tokens: int = MAX_TOKENS
    max_depth: int = SUBGRAPH_SHAPE.max_depth
    max_aliases: int = SUBGRAPH_SHAPE.max_aliases
    max_root_fields: int = SUBGRAPH_SHAPE.max_root_fields
    max_fields: int = SUBGRAPH_SHAPE.max_fields

    @property
    def shape(self) -> ShapeLimits:
        return ShapeLimits(self.max_depth, self.max_aliases, self.max_root_fields, self.max_fields)


DEFAULT_LIMITS = SubgraphLimits()


def guard_errors(document: DocumentNode, limits: SubgraphLimits) -> list[GraphQLError]:
    # Introspection adds no depth. Linear in the document (fragments measured once), so not
    # worth caching.
    return limit_errors(measure(document, skip_introspection=True), limits.shape)


def limits_of(context: Any) -> SubgraphLimits:
    """The limits of the app serving this request (set by create_subgraph_app)."""
    request = getattr(context, "request", None)
    app = getattr(request, "app", None)
    limits = getattr(getattr(app, "state", None), STATE_KEY, None)
    return limits if isinstance(limits, SubgraphLimits) else DEFAULT_LIMITS


class OperationGuard(SchemaExtension):
    """Stands in for Strawberry's MaxTokensLimiter and ValidationCache: one class defined
    once, so the validation cache's key (the rules) stays the same across requests."""

    def on_operation(self) -> Iterator[None]:
        limits = limits_of(self.execution_context.context)
        self.execution_context.parse_options["max_tokens"] = limits.max_tokens
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        assert context.graphql_document is not None
        errors = guard_errors(context.graphql_document, limits_of(context.context))
        if not errors:
            errors = cached_validation(
                context.schema._schema, context.graphql_document, context.validation_rules
            )
        context.pre_execution_errors = errors
        yield
