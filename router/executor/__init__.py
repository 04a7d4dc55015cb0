"""Plan execution: fetch, representations, merge by path, null propagation, error paths."""

from router.executor import entities, merge, shape
from router.executor.context import RequestContext
from router.executor.execute import ExecutionState, Executor, ExecutorConfig
from router.executor.native import check_fresh, is_compiled
from router.executor.response import ResponseBuilder, selected_by_client
from router.executor.shape import ResponseAssembler
from router.executor.transport import (
    FETCH_FAILURE_CODES,
    FetchFailure,
    SubgraphTransport,
)

# The modules setup.py compiles with CMP_COMPILE=1: never an extension older than its source.
check_fresh(shape, entities, merge)
COMPILED = is_compiled(shape)

__all__ = [
    "COMPILED",
    "FETCH_FAILURE_CODES",
    "ExecutionState",
    "Executor",
    "ExecutorConfig",
    "FetchFailure",
    "RequestContext",
    "ResponseAssembler",
    "ResponseBuilder",
    "SubgraphTransport",
    "selected_by_client",
]
