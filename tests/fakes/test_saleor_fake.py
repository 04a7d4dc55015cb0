"""The Saleor fake: its SDL is a faithful subset of Saleor 3.22's real `_service { sdl }`
(schema/saleor.graphql, the project's copy of the shared capture), cut by
tests/fakes/saleor/subset.py, and the fake server behaves like Saleor over real HTTP."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from graphql import (
    EnumTypeDefinitionNode,
    FieldDefinitionNode,
    InputValueDefinitionNode,
    TypeDefinitionNode,
    parse,
    print_ast,
)

from cmp.serving import RunningServer, start_server
from composition.config import SCHEMA_DIR
from composition.sources import fetch_sdl
from tests.fakes.saleor import create_app
from tests.fakes.saleor.app import APP_TOKEN, MAX_REPRESENTATIONS, FakeSaleor, served_sdl
from tests.fakes.saleor.subset import FAKE_SDL, SubsetError, cut_subset
from tests.fixtures import SALEOR_SDL_CAPTURE_SHA256

REAL_SDL = SCHEMA_DIR / "saleor.graphql"


def _definitions(sdl: str) -> dict[str, TypeDefinitionNode]:
    return {
        d.name.value: d
        for d in parse(sdl, no_location=True).definitions
        if isinstance(d, TypeDefinitionNode)
    }


def _directives(node: Any, name: str) -> list[str]:
    return [print_ast(d) for d in node.directives or () if d.name.value == name]


def _input_value(a: InputValueDefinitionNode) -> str:
    default = f" = {print_ast(a.default_value)}" if a.default_value else ""
    return f"{print_ast(a.type)}{default}"


def subset_problems(fake_sdl: str, real_sdl: str) -> list[str]:
    """What in the fake is not in the real SDL. Subset means: same kind, keys and interfaces
    among the real ones; every field with the same type; every argument with the same type and
    default; and arguments the fake leaves out are optional in Saleor."""
    real, problems = _definitions(real_sdl), []
    for name, fake in _definitions(fake_sdl).items():
        other = real.get(name)
        if other is None or type(other) is not type(fake):
            problems.append(f"{name}: no such {type(fake).__name__} in Saleor")
            continue
        if _directives(fake, "key") != _directives(other, "key"):
            problems.append(f"{name}: keys {_directives(fake, 'key')} differ")
        if not set(_directives(fake, "doc")) <= set(_directives(other, "doc")):
            problems.append(f"{name}: @doc differs")
        real_itfs = {i.name.value for i in getattr(other, "interfaces", None) or ()}
        for i in getattr(fake, "interfaces", None) or ():
            if i.name.value not in real_itfs:
                problems.append(f"{name}: does not implement {i.name.value} in Saleor")
        if isinstance(fake, EnumTypeDefinitionNode):
            real_values = {v.name.value for v in other.values or ()}  # type: ignore[attr-defined]
            problems += [
                f"{name}.{v.name.value}: no such value"
                for v in fake.values or ()
                if v.name.value not in real_values
            ]
        real_fields = {f.name.value: f for f in getattr(other, "fields", None) or ()}
        for f in getattr(fake, "fields", None) or ():
            coordinate = f"{name}.{f.name.value}"
            rf = real_fields.get(f.name.value)
            if rf is None or print_ast(f.type) != print_ast(rf.type):
                problems.append(f"{coordinate}: missing or of another type in Saleor")
                continue
            if isinstance(f, FieldDefinitionNode):
                problems += _argument_problems(coordinate, f, rf)
    return problems


def _argument_problems(
    coordinate: str, fake: FieldDefinitionNode, real: FieldDefinitionNode
) -> list[str]:
    real_args = {a.name.value: a for a in real.arguments or ()}
    fake_args = {a.name.value: a for a in fake.arguments or ()}
    problems = [
        f"{coordinate}({n}:): differs from Saleor"
        for n, a in fake_args.items()
        if n not in real_args or _input_value(a) != _input_value(real_args[n])
    ]
    problems += [
        f"{coordinate}({n}:): left out but required in Saleor"
        for n, a in real_args.items()
        if n not in fake_args and a.type.kind == "non_null_type" and not a.default_value
    ]
    return problems


def test_project_saleor_sdl_is_the_real_capture() -> None:
    assert hashlib.sha256(REAL_SDL.read_bytes()).hexdigest() == SALEOR_SDL_CAPTURE_SHA256


def test_fake_sdl_is_a_faithful_subset_of_real_saleor() -> None:
    assert subset_problems(FAKE_SDL.read_text(), REAL_SDL.read_text()) == []


def test_fake_sdl_is_cut_from_the_real_one() -> None:
    assert FAKE_SDL.read_text() == cut_subset(REAL_SDL.read_text()), (
        "run `.venv/bin/python -m tests.fakes.saleor.subset`"
    )


def test_cutting_refuses_what_saleor_does_not_have() -> None:
    real = REAL_SDL.read_text()
    with pytest.raises(SubsetError, match=r"Product\.price: no such field"):
        cut_subset(real, {"Query": ["product"], "Product": ["id", "price"]})
    with pytest.raises(SubsetError, match="returns Category, which is not served"):
        cut_subset(real, {"Query": ["product"], "Product": ["id", "category"]})


def test_subset_check_catches_drift() -> None:
    real = 'type P @key(fields: "id") { id: ID! name(lang: String!): String }'
    fake = 'type P @key(fields: "id channel") { id: ID name: String price: Int }'
    assert subset_problems(fake, real) == [
        "P: keys ['@key(fields: \"id channel\")'] differ",
        "P.id: missing or of another type in Saleor",
        "P.name(lang:): left out but required in Saleor",
        "P.price: missing or of another type in Saleor",
    ]


def test_fake_sdl_has_saleors_entities_and_shape() -> None:
    sdl = FAKE_SDL.read_text()
    assert "@link(" not in sdl and "directive @doc(" in sdl
    defs = _definitions(sdl)
    keys = {n: _directives(d, "key") for n, d in defs.items() if _directives(d, "key")}
    assert keys == {
        **{n: ['@key(fields: "id channel")'] for n in ("Product", "ProductVariant", "Collection")},
        "User": ['@key(fields: "id")', '@key(fields: "email")'],
        **{
            n: ['@key(fields: "id")']
            for n in (
                "Order",
                "Category",
                "App",
                "Address",
                "Group",
                "PageType",
                "ProductType",
                "ProductMedia",
            )
        },
    }


# ---------------------------------------------------------------------------- the fake server


@pytest.fixture(scope="module")
async def saleor() -> AsyncIterator[RunningServer]:
    server = await start_server(create_app())
    yield server
    await server.stop()


async def post(
    server: RunningServer, body: Any, headers: dict[str, str] | None = None, path: str = "/graphql/"
) -> httpx.Response:
    async with httpx.AsyncClient(base_url=server.url) as client:
        return await client.post(path, json=body, headers=headers or {})


async def sign_in(server: RunningServer, email: str, password: str) -> str:
    """A Saleor access token from `tokenCreate`, as a storefront signs a shopper in."""
    body = await post(server, {"query": TOKEN_CREATE, "variables": {"e": email, "p": password}})
    payload = body.json()["data"]["tokenCreate"]
    assert payload["errors"] == [], payload
    token: str = payload["token"]
    return token


TOKEN_CREATE = """mutation($e: String!, $p: String!) { tokenCreate(email: $e, password: $p) {
  token refreshToken csrfToken user { id email isStaff } errors { field message code } } }"""


def gid(type_name: str, pk: int) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


ENTITIES = """query($r: [_Any!]!) { _entities(representations: $r) { __typename
  ... on Product { id name channel pricing { priceRange { start { gross { amount currency } } } } }
  ... on ProductVariant { id sku product { slug } }
  ... on User { id email }
  ... on Order { number userEmail metafield(key: "cmp.organization")
                 lines { quantity productName variantName variant { id } } } } }"""


async def test_service_sdl_is_the_file_verbatim(saleor: RunningServer) -> None:
    served = await _fetch(saleor)
    assert served == served_sdl(FAKE_SDL.read_text())
    assert served.startswith('"""Groups fields and operations into named groups."""')


async def _fetch(saleor: RunningServer) -> str:
    import asyncio

    return await asyncio.to_thread(fetch_sdl, f"{saleor.url}/graphql/")


async def test_entities_grouped_by_type_like_saleor(saleor: RunningServer) -> None:
    reps = [
        {"__typename": "Product", "id": gid("Product", 72), "channel": "default-channel"},
        {"__typename": "User", "id": gid("User", 21)},
        {"__typename": "Product", "id": gid("Product", 999), "channel": "default-channel"},
        {"__typename": "User", "email": "bob@example.com"},
        {"__typename": "Order", "id": gid("Order", 501)},
    ]
    # Staff see every user (a user's email is not for anyone: see the test below).
    staff = {
        "Authorization": f"Bearer {await sign_in(saleor, 'staff@example.com', 'staff-password')}"
    }
    response = await post(saleor, {"query": ENTITIES, "variables": {"r": reps}}, staff)
    entities = response.json()["data"]["_entities"]
    assert [e and e["__typename"] for e in entities] == ["Product", None, "User", "User", "Order"]
    assert entities[0]["pricing"]["priceRange"]["start"]["gross"] == {
        "amount": 9.0,
        "currency": "USD",
    }
    assert [u["email"] for u in entities[2:4]] == ["alice@example.com", "bob@example.com"]
    assert entities[4] == {
        "__typename": "Order",
        "number": "1001",
        "userEmail": "alice@example.com",
        "metafield": "org-1",
        "lines": [
            {
                "quantity": 1,
                "productName": "Research Agent",
                "variantName": "Pro",
                "variant": {"id": gid("ProductVariant", 202)},
            },
            {
                "quantity": 3,
                "productName": "Credits",
                "variantName": "1000 credits",
                "variant": {"id": gid("ProductVariant", 204)},
            },
        ],
    }


USERS = """query($r: [_Any!]!) { _entities(representations: $r) { ... on User { email } } }"""
USER = """query($id: ID!) { user(id: $id) { email } }"""


async def test_a_users_email_only_for_themselves_or_who_may_manage_users() -> None:
    """Saleor's resolve_users: `_entities` shows a User to the user themselves, to MANAGE_USERS
    (customers), MANAGE_STAFF (staff) or both (everyone); to anyone else it is null. The
    `user` query wants MANAGE_STAFF, MANAGE_USERS or MANAGE_ORDERS, even for oneself."""
    app = create_app()
    fake = FakeSaleor.of(app)
    staff = fake.data.add_user(is_staff=True)
    staff.permissions = frozenset({"MANAGE_STAFF"})
    server = await start_server(app)
    try:
        users = [
            {"__typename": "User", "id": gid("User", 21)},  # alice
            {"__typename": "User", "email": "bob@example.com"},
            {"__typename": "User", "id": gid("User", 23)},  # staff@example.com
        ]

        async def seen(headers: dict[str, str]) -> list[str | None]:
            body = await post(server, {"query": USERS, "variables": {"r": users}}, headers)
            return [e and e["email"] for e in body.json()["data"]["_entities"]]

        def bearer(token: str) -> dict[str, str]:
            return {"Authorization": f"Bearer {token}"}

        alice = bearer(await sign_in(server, "alice@example.com", "alice-password"))
        manages_staff = bearer(await sign_in(server, staff.email, "password"))
        assert await seen({}) == [None, None, None]
        assert await seen(alice) == ["alice@example.com", None, None]
        assert await seen(manages_staff) == [None, None, "staff@example.com"]
        # control-plane's app token: MANAGE_ORDERS, not MANAGE_USERS.
        assert await seen(bearer(APP_TOKEN)) == [None, None, None]
        assert fake.default_app is not None
        fake.default_app.permissions = ["MANAGE_USERS"]
        assert await seen(bearer(APP_TOKEN)) == ["alice@example.com", "bob@example.com", None]
        fake.default_app.permissions = ["MANAGE_USERS", "MANAGE_STAFF"]
        assert await seen(bearer(APP_TOKEN)) == [
            "alice@example.com",
            "bob@example.com",
            "staff@example.com",
        ]

        async def look_up(headers: dict[str, str]) -> dict[str, Any]:
            variables = {"id": gid("User", 21)}
            body: dict[str, Any] = (
                await post(server, {"query": USER, "variables": variables}, headers)
            ).json()
            return body

        for who in ({}, alice):
            denied = await look_up(who)
            assert denied["data"]["user"] is None
            assert denied["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
        fake.default_app.permissions = ["MANAGE_ORDERS"]
        assert (await look_up(bearer(APP_TOKEN)))["data"]["user"] == {"email": "alice@example.com"}
        assert (await look_up(manages_staff))["data"]["user"] is None  # alice is no staff
    finally:
        await server.stop()


async def test_entities_refuses_more_than_100(saleor: RunningServer) -> None:
    reps = [{"__typename": "User", "id": gid("User", 21)}] * (MAX_REPRESENTATIONS + 1)
    body = (await post(saleor, {"query": ENTITIES, "variables": {"r": reps}})).json()
    assert body["data"]["_entities"] is None
    assert "at most 100" in body["errors"][0]["message"]
    ok = (await post(saleor, {"query": ENTITIES, "variables": {"r": reps[:100]}})).json()
    assert len(ok["data"]["_entities"]) == 100


async def test_malformed_id_fails_the_whole_field(saleor: RunningServer) -> None:
    reps = [{"__typename": "User", "id": gid("User", 21)}, {"__typename": "User", "id": "nope"}]
    body = (await post(saleor, {"query": ENTITIES, "variables": {"r": reps}})).json()
    assert body["data"]["_entities"] is None and body["errors"]


async def test_refuses_batches_and_wants_the_trailing_slash(saleor: RunningServer) -> None:
    batch = await post(saleor, [{"query": "{ me { id } }"}])
    assert batch.status_code == 400
    assert (await post(saleor, {"query": "{ me { id } }"}, path="/graphql")).status_code == 404


async def test_storefront_queries(saleor: RunningServer) -> None:
    query = """{ products(first: 2, channel: "default-channel") { totalCount
        edges { node { name slug thumbnail { url } category { slug }
          variants { sku pricing { price { gross { amount } } } } } }
        pageInfo { hasNextPage endCursor } }
      product(slug: "credits", channel: "default-channel") { variants { sku } }
      me { email orders(first: 5) { edges { node { number status total { gross { amount } } } } } }
    }"""
    token = await sign_in(saleor, "alice@example.com", "alice-password")
    body = (await post(saleor, {"query": query}, {"Authorization": f"Bearer {token}"})).json()
    assert "errors" not in body
    products = body["data"]["products"]
    assert products["totalCount"] == 3 and products["pageInfo"]["hasNextPage"] is True
    # Saleor's default order is the slug's: credits, research-agent, support-agent.
    assert [e["node"]["slug"] for e in products["edges"]] == ["credits", "research-agent"]
    assert products["edges"][1]["node"]["variants"][1] == {
        "sku": "RA-PRO",
        "pricing": {"price": {"gross": {"amount": 29.0}}},
    }
    assert body["data"]["product"] == {"variants": [{"sku": "CREDITS-1000"}]}
    assert body["data"]["me"]["orders"]["edges"] == [
        {"node": {"number": "1001", "status": "UNFULFILLED", "total": {"gross": {"amount": 59.0}}}}
    ]
