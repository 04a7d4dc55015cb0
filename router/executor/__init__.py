"""Plan execution: fetch, representations, merge by path, null propagation, error paths."""

from router.executor.context import RequestContext
from router.executor.execute import ExecutionState, Executor, ExecutorConfig
from router.executor.response import ResponseBuilder, selected_by_client
from router.executor.shape import ResponseAssembler
from router.executor.transport import (
    FETCH_FAILURE_CODES,
    FetchFailure,
    SubgraphTransport,
)

__all__ = [
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
