"""Operation normalization, one pass per module (fragments, conditions, build, merge, abstract)."""

from router.planner.normalize.operation import normalize_operation, select_operation
from router.planner.normalize.selection import (
    NO_CONDITIONS,
    Condition,
    Conditions,
    Field,
    InlineFragment,
    NormalizedOperation,
    Selection,
    VariableDefinition,
)

__all__ = [
    "NO_CONDITIONS",
    "Condition",
    "Conditions",
    "Field",
    "InlineFragment",
    "NormalizedOperation",
    "Selection",
    "VariableDefinition",
    "normalize_operation",
    "select_operation",
]
