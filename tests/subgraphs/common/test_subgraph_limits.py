"""A subgraph reached directly is no cheaper to attack than the router: bodies are counted as
they arrive (413, the connection closed, the rest unread), JSON nested past the limit is a 400
(it used to be a RecursionError at 5,000 levels), and documents over the token, alias or field
limits are refused before validation — the step that made a 110 kB document cost seconds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from cmp.serving import start_server
from kernel.auth.dev_issuer import DevIssuer
from kernel.settings import ExecutionSettings
from subgraphs.common import operation_guard
from subgraphs.execution.app import create_app as create_execution_app
from tests.conftest import Stack
from tests.support.chunked import stream_chunked
from tests.support.users import new_user

JSON = {"content-type": "application/json"}
TYPENAME = {"query": "{ __typename }"}


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Counts the validations the subgraphs run (they are served in this process)."""
    calls: list[object] = []
    real: Callable[..., Any] = operation_guard.cached_validation

    def counting(*args: Any) -> Any:
        calls.append(args[1])
        return real(*args)

    monkeypatch.setattr(operation_guard, "cached_validation", counting)
    return calls


async def test_a_chunked_body_past_the_limit_is_cut_off(stack: Stack) -> None:
    limit = stack.execution_settings.max_request_bytes
    port = stack.billing.port
    flood = await stream_chunked("127.0.0.1", port, "/graphql", dict(JSON), 64 * 2**20)
    past = await stream_chunked("127.0.0.1", port, "/graphql", dict(JSON), limit + 65536, False)
    assert flood.refused and not flood.stalled
    assert flood.sent < limit + 16 * 2**20
    assert past.status == 413
    assert b"PAYLOAD_TOO_LARGE" in past.response


async def test_a_declared_length_past_the_limit_is_refused_unread(
    stack: Stack, http: httpx.AsyncClient
) -> None:
    limit = stack.execution_settings.max_request_bytes
    response = await http.post(stack.billing_url, content=b" " * (limit + 1), headers=JSON)
    assert response.status_code == 413
    assert response.headers["connection"] == "close"
    assert (await http.post(stack.billing_url, json=TYPENAME)).json() == {
        "data": {"__typename": "Query"}
    }


@pytest.mark.parametrize("depth", [100, 5_000])
async def test_deep_json_is_a_400_not_a_recursion_error(
    stack: Stack, http: httpx.AsyncClient, depth: int
) -> None:
    deep = "[" * depth + "]" * depth
    posted = await http.post(
        stack.control_plane_url,
        content=b'{"query": "{ __typename }", "variables": {"v": ' + deep.encode() + b"}}",
        headers=JSON,
    )
    got = await http.get(
        stack.control_plane_url,
        params={"query": "{ __typename }", "variables": '{"v":' + deep + "}"},
    )
    for response, what in ((posted, "the body"), (got, "the variables parameter")):
        assert response.status_code == 400
        (error,) = response.json()["errors"]
        assert error == {
            "message": f"{what} nests JSON deeper than 64 levels",
            "extensions": {"code": "BAD_REQUEST"},
        }


async def test_json_within_the_limit_still_reaches_the_subgraph(
    stack: Stack, http: httpx.AsyncClient
) -> None:
    nested: Any = 1
    for _ in range(50):
        nested = {"a": nested}
    response = await http.post(
        stack.control_plane_url, json={"query": "{ __typename }", "variables": {"unused": nested}}
    )
    assert response.json() == {"data": {"__typename": "Query"}}


async def test_hostile_documents_are_refused_before_validation(
    stack: Stack, http: httpx.AsyncClient, dev_issuer: DevIssuer, validations: list[object]
) -> None:
    """Each of these is ~110 kB; before, validating one took 3 to 20 s of CPU."""
    token = new_user(dev_issuer).token
    wallet = 'wallet(organizationId: "T3JnYW5pemF0aW9uOjA=")'
    documents = {
        # Aliases: within the token limit, refused by the alias count.
        "MAX_ALIASES_LIMIT": "{ " + " ".join(f"a{i}: __typename" for i in range(101)) + " }",
        # The same field repeated (no alias at all): the field count.
        "MAX_FIELDS_LIMIT": "{ " + wallet + " { " + "balance " * 13_000 + "} }",
        # Tens of thousands of aliases stop the parser itself.
        "GRAPHQL_PARSE_FAILED": "{ " + " ".join(f"a{i}: __typename" for i in range(9_000)) + " }",
    }
    for code, document in documents.items():
        assert len(document) > 100_000 or code == "MAX_ALIASES_LIMIT"
        response = await http.post(
            stack.billing_url,
            json={"query": document},
            headers={"Authorization": f"Bearer {token}"},
        )
        body = response.json()
        assert body.get("data") is None, code
        (error,) = body["errors"]
        if code == "GRAPHQL_PARSE_FAILED":
            assert "more than 15000 tokens" in error["message"]
        else:
            assert error["extensions"]["code"] == code
    assert validations == []  # not one of them reached validation
    fine = await http.post(stack.billing_url, json={"query": "{ a: __typename b: __typename }"})
    assert fine.json() == {"data": {"a": "Query", "b": "Query"}}
    assert len(validations) == 1


async def test_the_limits_are_the_serving_apps(stack: Stack, http: httpx.AsyncClient) -> None:
    """SUBGRAPH_MAX_ALIASES and friends reach the guard of the app that serves the request."""
    settings = stack.execution_settings.model_copy(update={"max_aliases": 2, "max_fields": 3})
    server = await start_server(create_execution_app(settings))
    try:
        url = f"{server.url}/graphql"
        two = await http.post(url, json={"query": "{ a: __typename b: __typename }"})
        three = await http.post(
            url, json={"query": "{ a: __typename b: __typename c: __typename }"}
        )
        four = await http.post(
            url, json={"query": "{ __typename __typename __typename __typename }"}
        )
    finally:
        await server.stop()
    assert two.json() == {"data": {"a": "Query", "b": "Query"}}
    assert [e["extensions"]["code"] for e in three.json()["errors"]] == ["MAX_ALIASES_LIMIT"]
    assert [e["extensions"]["code"] for e in four.json()["errors"]] == ["MAX_FIELDS_LIMIT"]


async def test_depth_and_root_fields_are_configurable(
    stack: Stack, http: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SUBGRAPH_MAX_DEPTH and SUBGRAPH_MAX_ROOT_FIELDS (once hard-coded) reach the guard."""
    monkeypatch.setenv("SUBGRAPH_MAX_DEPTH", "2")
    monkeypatch.setenv("SUBGRAPH_MAX_ROOT_FIELDS", "2")
    configured = ExecutionSettings()
    settings = stack.execution_settings.model_copy(
        update={"max_depth": configured.max_depth, "max_root_fields": configured.max_root_fields}
    )
    server = await start_server(create_execution_app(settings))
    try:
        url = f"{server.url}/graphql"
        shallow = await http.post(url, json={"query": "{ a: __typename b: __typename }"})
        deep = await http.post(url, json={"query": "{ a { b { c } } }"})
        wide = await http.post(url, json={"query": "{ a b c }"})
    finally:
        await server.stop()
    assert shallow.json() == {"data": {"a": "Query", "b": "Query"}}
    assert [e["extensions"]["code"] for e in deep.json()["errors"]] == ["MAX_DEPTH_LIMIT"]
    assert [e["extensions"]["code"] for e in wide.json()["errors"]] == ["MAX_ROOT_FIELDS_LIMIT"]
