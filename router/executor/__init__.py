"""Plan execution: fetch, representations, merge by path, null propagation, error paths."""

from router.executor.execute import ExecutionState, Executor, ExecutorConfig
from router.executor.response import ResponseBuilder, selected_by_client
from router.executor.transport import FetchFailure, SubgraphTransport

__all__ = [
    "ExecutionState",
    "Executor",
    "ExecutorConfig",
    "FetchFailure",
    "ResponseBuilder",
    "SubgraphTransport",
    "selected_by_client",
]
