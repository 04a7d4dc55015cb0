"""GraphQL over HTTP: media types, GET and POST, and a clear 4xx (never a 500) for every kind
of malformed request; the router keeps serving after each."""

from __future__ import annotations

import json

import httpx
import pytest

from router.http.options import HttpOptions
from tests.router.conftest import Stack
from tests.router.http.support import JSON_HEADERS, served

QUERY = "query Top($n: Int) { topProducts(first: $n) { name inStock } }"
DATA = {"topProducts": [{"name": "Table", "inStock": True}]}
PREFLIGHT = {"apollo-require-preflight": "true"}


def code(response: httpx.Response) -> str:
    errors = response.json()["errors"]
    assert errors and all(e["message"] for e in errors), errors
    return str(errors[0]["extensions"]["code"])


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        (None, "application/json"),
        ("*/*", "application/json"),
        ("application/json", "application/json"),
        ("application/graphql-response+json", "application/graphql-response+json"),
        (
            "application/graphql-response+json, application/json;q=0.9",
            "application/graphql-response+json",
        ),
        ("application/json, application/graphql-response+json;q=0.5", "application/json"),
    ],
)
async def test_the_response_media_type_follows_accept(
    shop_stack: Stack, accept: str | None, media_type: str
) -> None:
    headers = {**JSON_HEADERS, **({"accept": accept} if accept else {})}
    async with served(shop_stack) as client:
        response = await client.post(
            "/graphql", content=json.dumps({"query": QUERY, "variables": {"n": 1}}), headers=headers
        )
    assert response.status_code == 200
    assert response.headers["content-type"] == f"{media_type}; charset=utf-8"
    assert response.json() == {"data": DATA}


async def test_an_unsupported_accept_is_406(shop_stack: Stack) -> None:
    async with served(shop_stack) as client:
        response = await client.post(
            "/graphql", json={"query": QUERY}, headers={"accept": "application/xml"}
        )
    assert response.status_code == 406
    assert code(response) == "NOT_ACCEPTABLE"


async def test_get_runs_queries_and_refuses_mutations(shop_stack: Stack) -> None:
    async with served(shop_stack) as client:
        query = await client.get(
            "/graphql",
            params={"query": QUERY, "variables": json.dumps({"n": 1}), "operationName": "Top"},
            headers=PREFLIGHT,
        )
        mutation = await client.get(
            "/graphql",
            params={"query": 'mutation { createUser(name: "Eve") { id } }'},
            headers=PREFLIGHT,
        )
    assert query.status_code == 200
    assert query.json() == {"data": DATA}
    assert mutation.status_code == 405
    assert mutation.headers["allow"] == "POST"
    assert code(mutation) == "METHOD_NOT_ALLOWED"
    assert shop_stack.mutation_log == []


@pytest.mark.parametrize(
    ("content", "headers", "status", "error_code"),
    [
        (b'{"query": ', JSON_HEADERS, 400, "BAD_REQUEST"),  # malformed JSON
        (b"", JSON_HEADERS, 400, "BAD_REQUEST"),  # no body
        (b"[1, 2]", JSON_HEADERS, 400, "BAD_REQUEST"),  # not an object
        (b'{"query": 42}', JSON_HEADERS, 400, "BAD_REQUEST"),
        (b'{"variables": {}}', JSON_HEADERS, 400, "BAD_REQUEST"),  # no query
        (b'{"query": "{ me { name } }", "variables": [1]}', JSON_HEADERS, 400, "BAD_REQUEST"),
        (b'{"query": "{ me { name } }", "operationName": 1}', JSON_HEADERS, 400, "BAD_REQUEST"),
        (b'{"query": "{ me { name } }", "extensions": 1}', JSON_HEADERS, 400, "BAD_REQUEST"),
        (b"\xff\xfe", JSON_HEADERS, 400, "BAD_REQUEST"),  # not UTF-8
        (b"query=%7Bme%7D", {"content-type": "text/plain"}, 400, "CSRF_ERROR"),
        (b'{"query": "{ me { name } }"}', {}, 400, "CSRF_ERROR"),  # no Content-Type
        (b"<q/>", {"content-type": "application/xml"}, 415, "UNSUPPORTED_MEDIA_TYPE"),
        (b'{"query": "{ me { name } }"}', PREFLIGHT, 415, "UNSUPPORTED_MEDIA_TYPE"),
        (
            b'{"query": "{ me { name } }"}',
            {"content-type": "application/json; charset=latin-1"},
            415,
            "UNSUPPORTED_MEDIA_TYPE",
        ),
        (
            b"query { me { name } }",
            {"content-type": "application/graphql"},
            415,
            "UNSUPPORTED_MEDIA_TYPE",
        ),
        (b"{ me", JSON_HEADERS, 400, "BAD_REQUEST"),
    ],
)
async def test_malformed_requests_are_4xx_with_a_graphql_error(
    shop_stack: Stack, content: bytes, headers: dict[str, str], status: int, error_code: str
) -> None:
    async with served(shop_stack) as client:
        response = await client.post("/graphql", content=content, headers=headers)
        assert response.status_code == status, response.text
        assert code(response) == error_code
        assert "data" not in response.json()
        still = await client.post("/graphql", json={"query": "{ me { name } }"})
    assert still.json() == {"data": {"me": {"name": "Ada Lovelace"}}}


@pytest.mark.parametrize(
    ("body", "error_code"),
    [
        ({"query": "{ me { name }"}, "GRAPHQL_PARSE_FAILED"),
        ({"query": "{ nope }"}, "GRAPHQL_VALIDATION_FAILED"),
        ({"query": "query A { me { name } } query B { me { name } }"}, "GRAPHQL_VALIDATION_FAILED"),
        ({"query": "query A { me { name } }", "operationName": "Z"}, "GRAPHQL_VALIDATION_FAILED"),
        ({"query": QUERY, "variables": {"n": "three"}}, "BAD_USER_INPUT"),
        ({"query": "query U($id: ID!) { user(id: $id) { name } }"}, "BAD_USER_INPUT"),
        ({"query": "subscription { me { name } }"}, "GRAPHQL_VALIDATION_FAILED"),
    ],
)
async def test_invalid_documents_and_variables_are_400_for_both_media_types(
    shop_stack: Stack, body: dict[str, object], error_code: str
) -> None:
    async with served(shop_stack) as client:
        for accept in ("application/json", "application/graphql-response+json"):
            response = await client.post("/graphql", json=body, headers={"accept": accept})
            assert response.status_code == 400, response.text
            assert code(response) == error_code
            assert "data" not in response.json()
    assert shop_stack.requests_to("accounts") == []


async def test_partial_results_are_200_with_errors(shop_stack: Stack) -> None:
    shop_stack.subgraphs["accounts"].failure = "status500"
    async with served(shop_stack) as client:
        response = await client.post(
            "/graphql",
            json={"query": "{ topProducts(first: 1) { name } me { name } }"},
            headers={"accept": "application/graphql-response+json"},
        )
    assert response.status_code == 200
    body = response.json()
    assert body["data"] == {"topProducts": [{"name": "Table"}], "me": None}
    assert [e["extensions"]["code"] for e in body["errors"]] == ["SUBREQUEST_HTTP_ERROR"]


async def test_an_oversized_body_is_413(shop_stack: Stack) -> None:
    async with served(shop_stack, HttpOptions(max_request_bytes=1000)) as client:
        response = await client.post(
            "/graphql", json={"query": "{ me { name } }", "variables": {"pad": "x" * 2000}}
        )
    assert response.status_code == 413
    assert code(response) == "PAYLOAD_TOO_LARGE"


async def test_an_unexpected_failure_is_a_logged_500_and_the_router_keeps_serving(
    shop_stack: Stack, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from router.pipeline import Router

    original = Router.handle
    calls = 0

    async def flaky(self: Router, *args: object, **kwargs: object) -> dict[str, object]:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise RuntimeError("bug")
        return await original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Router, "handle", flaky)
    async with served(shop_stack) as client:
        failed = await client.post("/graphql", json={"query": "{ me { name } }"})
        recovered = await client.post("/graphql", json={"query": "{ me { name } }"})
    assert failed.status_code == 500
    assert code(failed) == "INTERNAL_SERVER_ERROR"
    assert "bug" not in failed.text
    assert recovered.status_code == 200
    assert any("failed" in r.getMessage() and r.exc_info for r in caplog.records)
