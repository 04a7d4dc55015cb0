"""Header propagation: what reaches the subgraphs from the client (Authorization, configured
headers, the request id, never a client's service credential) and what comes back (configured
subgraph response headers, several Set-Cookie included)."""

from __future__ import annotations

from kernel.auth.authenticate import ON_BEHALF_HEADER, SERVICE_TOKEN_HEADER
from router.executor.transport import SubgraphTransport
from tests.router.conftest import Stack
from tests.router.http.support import served

CROSSING = {"query": "{ topProducts(first: 1) { name inStock } }"}  # products, then inventory
TOKEN = "router-service-token"


async def test_authorization_and_configured_headers_reach_every_fetch(shop_stack: Stack) -> None:
    async with served(
        shop_stack, propagate_request_headers=frozenset({"accept-language"})
    ) as client:
        response = await client.post(
            "/graphql",
            json=CROSSING,
            headers={
                "Authorization": "Bearer user-token",
                "Accept-Language": "fr",
                "X-Not-Configured": "kept home",
                "X-Request-Id": "trace-42",
            },
        )
    assert response.status_code == 200, response.text
    assert response.json() == {"data": {"topProducts": [{"name": "Table", "inStock": True}]}}
    assert response.headers["x-request-id"] == "trace-42"
    sent = shop_stack.subgraphs["products"].headers + shop_stack.subgraphs["inventory"].headers
    assert len(sent) == 2
    for headers in sent:
        assert headers["authorization"] == "Bearer user-token"
        assert headers["accept-language"] == "fr"
        assert headers["x-request-id"] == "trace-42"
        assert "x-not-configured" not in headers
        assert SERVICE_TOKEN_HEADER not in headers


async def test_a_request_id_is_made_when_the_client_sends_none(shop_stack: Stack) -> None:
    async with served(shop_stack) as client:
        response = await client.post("/graphql", json=CROSSING)
    request_id = response.headers["x-request-id"]
    assert len(request_id) == 32
    assert {h["x-request-id"] for h in shop_stack.subgraphs["inventory"].headers} == {request_id}


async def test_a_wrong_service_credential_is_refused_and_never_forwarded(shop_stack: Stack) -> None:
    async with served(shop_stack, service_token=TOKEN) as client:
        response = await client.post(
            "/graphql", json=CROSSING, headers={SERVICE_TOKEN_HEADER: "guessed"}
        )
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert shop_stack.requests_to("products") == []


async def test_without_a_configured_credential_every_presented_one_is_refused(
    shop_stack: Stack,
) -> None:
    async with served(shop_stack) as client:
        response = await client.post("/graphql", json=CROSSING, headers={SERVICE_TOKEN_HEADER: ""})
    assert response.status_code == 401
    assert shop_stack.requests_to("products") == []


async def test_internal_callers_get_the_credential_on_internal_subgraphs_only(
    shop_stack: Stack,
) -> None:
    async with served(
        shop_stack, service_token=TOKEN, external_subgraphs=frozenset({"inventory"})
    ) as client:
        response = await client.post(
            "/graphql",
            json=CROSSING,
            headers={SERVICE_TOKEN_HEADER: TOKEN, "Authorization": "Bearer user-token"},
        )
    assert response.status_code == 200, response.text
    (products,) = shop_stack.subgraphs["products"].headers
    (inventory,) = shop_stack.subgraphs["inventory"].headers
    assert products[SERVICE_TOKEN_HEADER] == TOKEN
    assert products["authorization"] == "Bearer user-token"
    assert ON_BEHALF_HEADER not in products  # internal: the subgraph may act as the service
    assert SERVICE_TOKEN_HEADER not in inventory  # an external service never sees it


async def test_client_requests_carry_the_credential_and_say_they_are_a_clients(
    shop_stack: Stack,
) -> None:
    """Production subgraphs answer only the credential, so the router presents it for every
    client too — marked as a client's request, so that no token means nobody, not the
    service. A client cannot set the marker itself."""
    async with served(
        shop_stack,
        service_token=TOKEN,
        external_subgraphs=frozenset({"inventory"}),
        propagate_request_headers=frozenset({ON_BEHALF_HEADER}),
    ) as client:
        response = await client.post(
            "/graphql", json=CROSSING, headers={ON_BEHALF_HEADER: "nobody-in-particular"}
        )
    assert response.status_code == 200, response.text
    (products,) = shop_stack.subgraphs["products"].headers
    (inventory,) = shop_stack.subgraphs["inventory"].headers
    assert products[SERVICE_TOKEN_HEADER] == TOKEN
    assert products[ON_BEHALF_HEADER] == "client"
    assert "authorization" not in products
    assert SERVICE_TOKEN_HEADER not in inventory and ON_BEHALF_HEADER not in inventory


async def test_configured_response_headers_come_back_with_every_cookie(shop_stack: Stack) -> None:
    shop_stack.subgraphs["products"].response_headers[:] = [
        ("set-cookie", "a=1; Path=/"),
        ("set-cookie", "b=2; Path=/; HttpOnly"),
        ("x-internal", "secret"),
    ]
    shop_stack.subgraphs["inventory"].response_headers[:] = [("set-cookie", "c=3")]
    async with served(shop_stack, propagate_response_headers=frozenset({"set-cookie"})) as client:
        response = await client.post("/graphql", json=CROSSING)
    assert response.status_code == 200
    assert sorted(response.headers.get_list("set-cookie")) == [
        "a=1; Path=/",
        "b=2; Path=/; HttpOnly",
        "c=3",
    ]
    assert "x-internal" not in response.headers


async def test_transport_sends_given_headers_but_keeps_its_own_accept(shop_stack: Stack) -> None:
    transport = SubgraphTransport()
    try:
        await transport.post(
            shop_stack.urls["accounts"],
            {"query": "{ me { name } }"},
            {"accept": "text/html", "authorization": "Bearer x"},
        )
    finally:
        await transport.close()
    (headers,) = shop_stack.subgraphs["accounts"].headers
    assert headers["accept"] == "application/json"
    assert headers["authorization"] == "Bearer x"
