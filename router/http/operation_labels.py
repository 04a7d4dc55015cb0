"""Operation names as metric labels. Clients choose them, so they are unbounded: only names of
operations that validated claim a label, the first `limit` of them; later ones are `(other)`.
A request that did not validate keeps its `operationName` only if that name already has a label
(a known client operation that broke), else it is `(unvalidated)`; a request without a name is
`(anonymous)`. None of these can collide with a GraphQL name."""

from __future__ import annotations

ANONYMOUS = "(anonymous)"
OTHER = "(other)"
UNVALIDATED = "(unvalidated)"
MAX_NAME_LENGTH = 100  # a longer (valid) name is labelled `(other)`


class OperationLabels:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._known: set[str] = set()

    def label(self, operation: str | None, validated: bool) -> str:
        if not operation:
            return ANONYMOUS
        if operation in self._known:
            return operation
        if not validated:
            return UNVALIDATED
        if len(self._known) >= self.limit or len(operation) > MAX_NAME_LENGTH:
            return OTHER
        self._known.add(operation)
        return operation
