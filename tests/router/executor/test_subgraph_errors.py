"""What of a subgraph's error reaches the client: message, path, its code and Saleor's
`exception.code`; never the debugging details a server adds (stack traces)."""

from __future__ import annotations

from router.executor.errors import subgraph_error


def test_saleor_error_codes_pass_and_stack_traces_do_not() -> None:
    error = {
        "message": "To access this path, you need one of the following permissions: MANAGE_ORDERS",
        "locations": [{"line": 1, "column": 3}],
        "extensions": {
            "exception": {"code": "PermissionDenied", "stacktrace": ["File x.py, line 3"]},
            "stacktrace": ["Traceback ..."],
        },
    }
    assert subgraph_error(error, "saleor", ["orders"]) == {
        "message": error["message"],
        "path": ["orders"],
        "extensions": {"exception": {"code": "PermissionDenied"}, "service": "saleor"},
    }


def test_an_exception_without_a_code_is_withheld_whole() -> None:
    error = {"message": "boom", "extensions": {"code": "X", "exception": {"type": "KeyError"}}}
    assert subgraph_error(error, "billing", None) == {
        "message": "boom",
        "extensions": {"code": "X", "service": "billing"},
    }
