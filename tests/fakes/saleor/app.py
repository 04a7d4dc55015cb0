"""The fake Saleor subgraph: an ASGI app serving schema/saleor.graphql at POST /graphql/.

Behaves like real Saleor 3.22 where the router cares (../shared/saleor/README.md): answers
`_service { sdl }` with the SDL file verbatim, resolves `_entities` for Product,
ProductVariant, User and Order, refuses more than 100 representations per request, returns
mixed-type `_entities` results grouped by type (not in request order), fails the whole field
on a malformed id, and refuses batched (JSON array) requests.

And where commerce cares: an RSA key with its JWKS at `GET /.well-known/jwks.json`;
`tokenCreate` issuing Saleor's RS256 access/refresh tokens; `me` from a verified bearer JWT;
`order(id)` for app tokens only (PermissionDenied otherwise); and ORDER_FULLY_PAID webhook
deliveries signed as Saleor signs them (`send_order_fully_paid`).

Tests reach the running fake with `FakeSaleor.of(app)` (or `app.state.fake`) and add data
through `fake.data.add_user / add_product / add_order`.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import jwt
from graphql import (
    GraphQLError,
    GraphQLResolveInfo,
    GraphQLSchema,
    build_ast_schema,
    graphql,
    parse,
)
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.fakes.saleor.auth import JWT_OWNER, SaleorKey
from tests.fakes.saleor.data import Order, SaleorData, User, default_data, parse_global_id
from tests.fakes.saleor.views import (
    Obj,
    connection,
    order_view,
    product_view,
    user_view,
    variant_view,
)
from tests.fakes.saleor.webhooks import (
    ORDER_FULLY_PAID,
    PayloadShape,
    delivery_headers,
    order_fully_paid_body,
)

Info = GraphQLResolveInfo  # graphql-core's resolver info
SDL_PATH = Path(__file__).resolve().parents[3] / "schema" / "saleor.graphql"
MAX_REPRESENTATIONS = 100
# The app token the test stack gives control-plane (tests.conftest.SALEOR_APP_TOKEN; a test
# checks they agree: conftest imports this module, so it cannot be imported from here).
APP_TOKEN = "test-saleor-app-token"
MANAGE_ORDERS_DENIED = "You need one of the following permissions: MANAGE_ORDERS"
INVALID_CREDENTIALS = "Please, enter valid credentials"
# What a Fed 1 library adds to the served schema for execution (not part of `_service.sdl`).
FEDERATION_ADDITIONS = """
directive @key(fields: String!) repeatable on OBJECT | INTERFACE
scalar _Any
union _Entity = Product | ProductVariant | Collection | User | Order | Category | App | Address
  | Group | PageType | ProductType | ProductMedia
type _Service { sdl: String }
extend type Query {
  _entities(representations: [_Any]): [_Entity]
  _service: _Service
}
"""


def _pk(value: str | None, expected: str) -> str | None:
    if value is None:
        return None
    type_name, pk = parse_global_id(value)
    if type_name != expected:
        raise GraphQLError(f"Invalid ID: {value}. Expected: {expected}, received: {type_name}.")
    return pk


def saleor_error(message: str, code: str) -> GraphQLError:
    """An error as Saleor formats it: `extensions.exception.code` is the exception's name."""
    return GraphQLError(message, extensions={"exception": {"code": code}})


@dataclass(frozen=True)
class Caller:
    """Who a request comes from, as Saleor works it out from `Authorization`."""

    issuer: str  # this Saleor's API URL, the `iss` of the tokens it issues
    app: bool = False
    user: User | None = None
    token_error: GraphQLError | None = None  # a bearer JWT that failed verification

    def requestor(self) -> User | None:
        """The signed-in user; like Saleor, a bad token fails the field that looks."""
        if self.token_error is not None:
            raise self.token_error
        return self.user


@dataclass(frozen=True)
class Delivery:
    """A webhook the fake sent, for tests to inspect (and to tamper with and resend)."""

    url: str
    headers: dict[str, str]
    body: bytes
    status_code: int


class FakeSaleor:
    def __init__(
        self,
        data: SaleorData,
        app_tokens: Iterable[str] = (APP_TOKEN,),
        api_url: str | None = None,
        key: SaleorKey | None = None,
    ) -> None:
        self.data = data
        self.app_tokens = set(app_tokens)
        # Where this Saleor's API is (…/graphql/): `iss` of its tokens and `Saleor-Api-Url` of
        # its webhooks. Unset, tokens name the URL they were requested at.
        self.api_url = api_url
        self.key = key or SaleorKey()
        self.sdl = SDL_PATH.read_text()
        self.schema = build_ast_schema(parse(self.sdl + FEDERATION_ADDITIONS))
        self.requests: list[Any] = []  # request bodies, for tests to inspect
        self.deliveries: list[Delivery] = []
        self._wire()

    @classmethod
    def of(cls, app: Starlette, api_url: str | None = None) -> FakeSaleor:
        """The fake behind `app`; `api_url` (once the server's address is known) sets it."""
        fake: FakeSaleor = app.state.fake
        if api_url is not None:
            fake.api_url = api_url
        return fake

    def _wire(self) -> None:
        query = self.schema.query_type
        assert query is not None
        resolvers: dict[str, Callable[..., Any]] = {
            "product": self.product,
            "products": self.products,
            "productVariant": self.product_variant,
            "productVariants": self.product_variants,
            "order": self.order,
            "orders": self.orders,
            "me": self.me,
            "user": self.user,
            "category": lambda *_a, **_k: None,
            "collection": lambda *_a, **_k: None,
            "_entities": self.entities,
            "_service": lambda *_a: {"sdl": self.sdl},
        }
        for name, resolver in resolvers.items():
            query.fields[name].resolve = resolver
        mutation = self.schema.mutation_type
        assert mutation is not None
        mutation.fields["tokenCreate"].resolve = self.token_create
        entity = self.schema.get_type("_Entity")
        entity.resolve_type = lambda value, *_: value["__typename"]  # type: ignore[union-attr]

    # ------------------------------------------------------------------ root fields

    def product(
        self,
        _root: Any,
        _info: Info,
        id: str | None = None,
        slug: str | None = None,
        channel: str | None = None,
        **_: Any,
    ) -> Obj | None:
        pk = _pk(id, "Product")
        found = next(
            (
                p
                for p in self.data.products
                if str(p.pk) == pk or (slug is not None and p.slug == slug)
            ),
            None,
        )
        return product_view(self.data, found, channel) if found else None

    def products(
        self,
        _root: Any,
        _info: Info,
        channel: str | None = None,
        search: str | None = None,
        **args: Any,
    ) -> Obj:
        items = [
            product_view(self.data, p, channel)
            for p in self.data.products
            if search is None or search.lower() in p.name.lower()
        ]
        return connection(items, args.get("first"), args.get("after"))

    def product_variant(
        self,
        _root: Any,
        _info: Info,
        id: str | None = None,
        sku: str | None = None,
        channel: str | None = None,
        **_: Any,
    ) -> Obj | None:
        pk = _pk(id, "ProductVariant")
        for p in self.data.products:
            for v in p.variants:
                if str(v.pk) == pk or (sku is not None and v.sku == sku):
                    return variant_view(self.data, p, v, channel)
        return None

    def product_variants(
        self,
        _root: Any,
        _info: Info,
        ids: list[str] | None = None,
        channel: str | None = None,
        **args: Any,
    ) -> Obj:
        wanted = {_pk(i, "ProductVariant") for i in ids} if ids else None
        items = [
            variant_view(self.data, p, v, channel)
            for p in self.data.products
            for v in p.variants
            if wanted is None or str(v.pk) in wanted
        ]
        return connection(items, args.get("first"), args.get("after"))

    def order(self, _root: Any, info: Info, id: str | None = None, **_: Any) -> Obj | None:
        """Apps only (the fake's stand-in for MANAGE_ORDERS): control-plane must send its
        app token. (Real Saleor also shows an order to whoever knows its UUID.)"""
        caller: Caller = info.context["caller"]
        if not caller.app:
            caller.requestor()  # a bad token is reported as such first, like Saleor
            raise saleor_error(MANAGE_ORDERS_DENIED, "PermissionDenied")
        found = self.data.order(_pk(id, "Order") or "")
        return order_view(self.data, found) if found else None

    def orders(self, _root: Any, _info: Info, **args: Any) -> Obj:
        items = [order_view(self.data, o) for o in self.data.orders]
        return connection(items, args.get("first"), args.get("after"))

    def me(self, _root: Any, info: Info) -> Obj | None:
        caller: Caller = info.context["caller"]
        found = caller.requestor()
        return user_view(self.data, found) if found else None

    def user(
        self,
        _root: Any,
        _info: Info,
        id: str | None = None,
        email: str | None = None,
        **_: Any,
    ) -> Obj | None:
        found = self.data.user(_pk(id, "User"), email)
        return user_view(self.data, found) if found else None

    # ------------------------------------------------------------------ mutations

    def token_create(
        self,
        _root: Any,
        info: Info,
        email: str,
        password: str,
        audience: str | None = None,
    ) -> Obj:
        """saleor.graphql.account.mutations.authentication.CreateToken."""
        user = next((u for u in self.data.users if u.email.lower() == email.lower()), None)
        if (
            user is None
            or user.password is None
            or not hmac.compare_digest(user.password.encode(), password.encode())
        ):
            return _token_errors("email", INVALID_CREDENTIALS, "INVALID_CREDENTIALS")
        if not user.is_active:  # told only to whoever knows the password, like Saleor
            return _token_errors("email", "Account inactive.", "INACTIVE")
        caller: Caller = info.context["caller"]
        access, refresh, csrf = self.key.token_pair(user, caller.issuer, audience)
        return {
            "token": access,
            "refreshToken": refresh,
            "csrfToken": csrf,
            "user": user_view(self.data, user),
            "errors": [],
            "accountErrors": [],
        }

    # ------------------------------------------------------------------ authentication

    def caller(self, request: Request) -> Caller:
        issuer = self.api_url or f"{request.base_url}graphql/"
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        token = token.strip()
        if not token or scheme.lower() not in ("bearer", "jwt"):
            return Caller(issuer)
        if scheme.lower() == "bearer" and any(
            hmac.compare_digest(token.encode(), t.encode()) for t in self.app_tokens
        ):
            return Caller(issuer, app=True)
        try:
            claims = self.key.decode(token)
        except jwt.PyJWTError as error:
            return Caller(issuer, token_error=saleor_error(str(error), type(error).__name__))
        user = self.data.user(_pk_or_none(claims.get("user_id")))
        # Saleor: an access token of its own, of an active user whose tokens were not revoked.
        if (
            claims.get("owner") != JWT_OWNER
            or claims.get("type") != "access"
            or user is None
            or not user.is_active
            or claims.get("token") != user.token_key
        ):
            return Caller(issuer, token_error=saleor_error("Invalid token", "InvalidTokenError"))
        return Caller(issuer, user=user)

    # ------------------------------------------------------------------ webhooks

    def signed_delivery(
        self, order: Order, shape: PayloadShape = "legacy", event: str = ORDER_FULLY_PAID
    ) -> tuple[dict[str, str], bytes]:
        """The headers and body of an ORDER_FULLY_PAID delivery, signed with this Saleor's key
        (a detached JWS over the exact body bytes)."""
        if self.api_url is None:
            raise RuntimeError("set the fake's api_url (FakeSaleor.of(app, api_url)) first")
        body = order_fully_paid_body(self.data, order, shape)
        return delivery_headers(event, self.api_url, self.key.detached_jws(body)), body

    async def send_order_fully_paid(
        self,
        target_url: str,
        order: Order,
        shape: PayloadShape = "legacy",
        http: httpx.AsyncClient | None = None,
    ) -> httpx.Response:
        """POST the signed delivery to `target_url` over real HTTP; recorded in
        `deliveries`. (One attempt: Saleor's retries on 5xx are the test's to simulate.)"""
        headers, body = self.signed_delivery(order, shape)
        if http is None:
            async with httpx.AsyncClient(timeout=30) as client:
                response = await client.post(target_url, content=body, headers=headers)
        else:
            response = await http.post(target_url, content=body, headers=headers)
        self.deliveries.append(Delivery(target_url, headers, body, response.status_code))
        return response

    # ------------------------------------------------------------------ federation

    def entities(
        self, _root: Any, _info: Info, representations: list[dict[str, Any]]
    ) -> list[Obj | None]:
        if len(representations) > MAX_REPRESENTATIONS:
            raise GraphQLError(
                f"Too many representations: at most {MAX_REPRESENTATIONS} "
                "can be resolved in one request."
            )
        by_type: dict[str, list[Obj | None]] = {}
        for rep in representations:  # Saleor answers type by type, not in request order
            typename = rep.get("__typename", "")
            by_type.setdefault(typename, []).append(self._entity(typename, rep))
        return [item for items in by_type.values() for item in items]

    def _entity(self, typename: str, rep: dict[str, Any]) -> Obj | None:
        channel = rep.get("channel")
        view: Obj | None = None
        if typename == "Product":
            found = self.data.product(_pk(rep.get("id"), typename) or "")
            view = product_view(self.data, found, channel) if found else None
        elif typename == "ProductVariant":
            pair = self.data.variant(_pk(rep.get("id"), typename) or "")
            view = variant_view(self.data, *pair, channel) if pair else None
        elif typename == "User":
            user = self.data.user(_pk(rep.get("id"), typename), rep.get("email"))
            view = user_view(self.data, user) if user else None
        elif typename == "Order":
            order = self.data.order(_pk(rep.get("id"), typename) or "")
            view = order_view(self.data, order) if order else None
        return {**view, "__typename": typename} if view else None

    # ------------------------------------------------------------------ HTTP

    async def handle(self, request: Request) -> Response:
        try:
            body = json.loads(await request.body())
        except ValueError:
            return JSONResponse({"errors": [{"message": "Unable to parse query."}]}, 400)
        self.requests.append(body)
        if isinstance(body, list):
            return JSONResponse({"errors": [{"message": "Batch queries are not supported."}]}, 400)
        context = {"caller": self.caller(request)}
        result = await graphql(
            self.schema,
            body.get("query") or "",
            variable_values=body.get("variables"),
            operation_name=body.get("operationName"),
            context_value=context,
        )
        return JSONResponse(result.formatted)

    async def jwks(self, _request: Request) -> Response:
        return JSONResponse(self.key.jwks())


def _token_errors(field: str, message: str, code: str) -> Obj:
    errors = [{"field": field, "message": message, "code": code, "addressType": None}]
    return {
        "token": None,
        "refreshToken": None,
        "csrfToken": None,
        "user": None,
        "errors": errors,
        "accountErrors": errors,
    }


def _pk_or_none(user_id: Any) -> str | None:
    try:
        type_name, pk = parse_global_id(str(user_id))
    except ValueError:
        return None
    return pk if type_name == "User" else None


def create_app(
    data: SaleorData | None = None,
    app_tokens: Iterable[str] = (APP_TOKEN,),
    api_url: str | None = None,
    key: SaleorKey | None = None,
) -> Starlette:
    """`app_tokens`: the bearer tokens Saleor knows as apps' (they may read orders);
    `api_url`: this Saleor's …/graphql/ URL, if known before it serves."""
    fake = FakeSaleor(data or default_data(), app_tokens, api_url, key)
    app = Starlette(
        routes=[
            Route("/graphql/", fake.handle, methods=["POST"]),
            Route("/.well-known/jwks.json", fake.jwks, methods=["GET"]),
        ]
    )
    app.router.redirect_slashes = False  # /graphql (no slash) is a 404, not a redirect
    app.state.fake = fake
    return app


def schema_of(app: Starlette) -> GraphQLSchema:
    fake: FakeSaleor = app.state.fake
    return fake.schema
