"""Operation names as metric labels. Clients choose them, so they are unbounded: the first
`limit` distinct names seen are labels of their own, any later one is `(other)`; a request
without a name is `(anonymous)` and one whose name is not a GraphQL name is `(invalid)` (none of
these can collide with a real operation name)."""

from __future__ import annotations

import re

ANONYMOUS = "(anonymous)"
OTHER = "(other)"
INVALID = "(invalid)"
_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]{0,99}")


class OperationLabels:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._known: set[str] = set()

    def label(self, operation: str | None) -> str:
        if not operation:
            return ANONYMOUS
        if operation in self._known:
            return operation
        if _NAME.fullmatch(operation) is None:
            return INVALID
        if len(self._known) >= self.limit:
            return OTHER
        self._known.add(operation)
        return operation
