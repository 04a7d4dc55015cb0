"""The storefront's origin may call the router from a browser (CORS allowlist); simple requests
that a page could forge are refused (CSRF prevention as Apollo Router does it); automatic
persisted queries follow Apollo's protocol."""

from __future__ import annotations

import hashlib
import json

from kernel.auth.authenticate import SERVICE_TOKEN_HEADER
from router.http.options import HttpOptions
from tests.router.conftest import Stack
from tests.router.http.support import JSON_HEADERS, served

STOREFRONT = "https://shop.example.com"
CORS = HttpOptions(cors_origins=(STOREFRONT,))
ME = "{ me { name } }"
ME_HASH = hashlib.sha256(ME.encode()).hexdigest()


def persisted(sha: str = ME_HASH, version: int = 1) -> dict[str, object]:
    return {"persistedQuery": {"version": version, "sha256Hash": sha}}


async def test_the_storefront_origin_passes_preflight_and_others_do_not(shop_stack: Stack) -> None:
    preflight = {
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type, authorization",
    }
    async with served(shop_stack, CORS) as client:
        allowed = await client.options("/graphql", headers={"origin": STOREFRONT, **preflight})
        other = await client.options(
            "/graphql", headers={"origin": "https://evil.example", **preflight}
        )
        credential = await client.options(
            "/graphql",
            headers={
                "origin": STOREFRONT,
                "access-control-request-method": "POST",
                "access-control-request-headers": SERVICE_TOKEN_HEADER,
            },
        )
        actual = await client.post("/graphql", json={"query": ME}, headers={"origin": STOREFRONT})
        foreign = await client.post(
            "/graphql", json={"query": ME}, headers={"origin": "https://evil.example"}
        )
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == STOREFRONT
    assert allowed.headers["access-control-allow-credentials"] == "true"
    assert other.status_code == 400
    assert "access-control-allow-origin" not in other.headers
    assert credential.status_code == 400  # a page may not even ask to send the credential
    assert actual.headers["access-control-allow-origin"] == STOREFRONT
    assert "x-request-id" in actual.headers["access-control-expose-headers"]
    assert "access-control-allow-origin" not in foreign.headers


async def test_simple_requests_need_a_preflight_header(shop_stack: Stack) -> None:
    async with served(shop_stack) as client:
        get = await client.get("/graphql", params={"query": ME})
        form = await client.post(
            "/graphql",
            content=json.dumps({"query": ME}),
            headers={"content-type": "application/x-www-form-urlencoded"},
        )
        get_with_header = await client.get(
            "/graphql", params={"query": ME}, headers={"x-apollo-operation-name": "Me"}
        )
        json_post = await client.post("/graphql", json={"query": ME})
    for refused in (get, form):
        assert refused.status_code == 400
        assert refused.json()["errors"][0]["extensions"]["code"] == "CSRF_ERROR"
        assert "Cross-Site Request Forgery" in refused.json()["errors"][0]["message"]
    assert get_with_header.json() == {"data": {"me": {"name": "Ada Lovelace"}}}
    assert json_post.json() == {"data": {"me": {"name": "Ada Lovelace"}}}
    assert len(shop_stack.requests_to("accounts")) == 2


async def test_apq_registers_then_runs_by_hash(shop_stack: Stack) -> None:
    async with served(shop_stack) as client:
        unknown = await client.post("/graphql", json={"extensions": persisted()})
        registered = await client.post("/graphql", json={"query": ME, "extensions": persisted()})
        by_hash = await client.post("/graphql", json={"extensions": persisted()})
        by_get = await client.get(
            "/graphql",
            params={"extensions": json.dumps(persisted())},
            headers={"apollo-require-preflight": "true"},
        )
    assert unknown.status_code == 200  # the client's cue to send the document
    assert unknown.json() == {
        "errors": [
            {
                "message": "PersistedQueryNotFound",
                "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"},
            }
        ]
    }
    for response in (registered, by_hash, by_get):
        assert response.status_code == 200
        assert response.json() == {"data": {"me": {"name": "Ada Lovelace"}}}


async def test_apq_refuses_mismatched_hashes_and_keeps_no_invalid_document(
    shop_stack: Stack,
) -> None:
    invalid = "{ nope }"
    invalid_hash = hashlib.sha256(invalid.encode()).hexdigest()
    async with served(shop_stack) as client:
        mismatch = await client.post(
            "/graphql", json={"query": ME, "extensions": persisted("0" * 64)}
        )
        bad_version = await client.post(
            "/graphql", json={"query": ME, "extensions": persisted(version=2)}
        )
        await client.post(
            "/graphql", json={"query": invalid, "extensions": persisted(invalid_hash)}
        )
        not_kept = await client.post("/graphql", json={"extensions": persisted(invalid_hash)})
    assert mismatch.status_code == 400
    assert mismatch.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_HASH_MISMATCH"
    assert bad_version.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_SUPPORTED"
    assert not_kept.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"


async def test_apq_switched_off_says_so(shop_stack: Stack) -> None:
    async with served(shop_stack, persisted_queries=False) as client:
        response = await client.post(
            "/graphql", json={"query": ME, "extensions": persisted()}, headers=JSON_HEADERS
        )
    assert response.status_code == 200
    assert response.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_SUPPORTED"
