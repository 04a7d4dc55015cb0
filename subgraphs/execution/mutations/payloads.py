"""Inputs and payloads of execution's mutations (Saleor's convention: errors in the payload)."""

from __future__ import annotations

import strawberry
from strawberry.scalars import JSON

from subgraphs.common.errors import CmpError
from subgraphs.common.inputs import OMITTED
from subgraphs.execution.types import Run


@strawberry.input
class RunStartInput:
    instance_id: strawberry.ID
    input: JSON
    idempotency_key: str | None = OMITTED


@strawberry.type
class RunStartPayload:
    run: Run | None = None
    errors: list[CmpError] = strawberry.field(default_factory=list)


@strawberry.type
class RunPayload:
    run: Run | None = None
    errors: list[CmpError] = strawberry.field(default_factory=list)
