"""The fake Saleor subgraph: an ASGI app serving `schema.graphql` (a subset of Saleor 3.22's
real SDL, cut from schema/saleor.graphql by subset.py) at POST /graphql/.

Behaves like real Saleor 3.22 where the router cares (tests/fixtures/saleor/README.md): answers
`_service { sdl }` with the SDL file verbatim, resolves `_entities` for Product,
ProductVariant, User (for those who may see that user: user_access.py) and Order, refuses more than 100 representations per request, returns
mixed-type `_entities` results grouped by type (not in request order), fails the whole field
on a malformed id, and refuses batched (JSON array) requests.

And where commerce cares: an RSA key with its JWKS at `GET /.well-known/jwks.json`;
`tokenCreate` issuing Saleor's RS256 access/refresh tokens; `me` from a verified bearer JWT;
`order(id)` for app tokens only (PermissionDenied otherwise); the catalog with channels,
filters and sorting (catalog.py); checkout to a paid order (checkout.py); apps, webhooks and
catalog set-up mutations (apps_admin.py, catalog_admin.py); and ORDER_FULLY_PAID webhook
deliveries signed as Saleor signs them — to the webhooks apps registered, when a checkout
completes, or on demand (`send_order_fully_paid`).

Tests reach the running fake with `FakeSaleor.of(app)` (or `app.state.fake`) and add data
through `fake.data.add_user / add_product / add_order`.
"""

from __future__ import annotations

import asyncio
import functools
import hmac
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import jwt
from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLObjectType,
    GraphQLSchema,
    build_ast_schema,
    graphql,
    parse,
)
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.fakes.saleor.apps import App, Webhook
from tests.fakes.saleor.apps_admin import AppsAdmin
from tests.fakes.saleor.auth import JWT_OWNER, SaleorKey
from tests.fakes.saleor.caller import Caller, Info, caller_of, permission_denied, saleor_error
from tests.fakes.saleor.catalog import Catalog
from tests.fakes.saleor.catalog_admin import CatalogAdmin
from tests.fakes.saleor.checkout import Checkouts
from tests.fakes.saleor.data import Order, SaleorData, default_data, parse_global_id
from tests.fakes.saleor.subset import FAKE_SDL
from tests.fakes.saleor.user_access import entity_visible, require_lookup
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
    subscription_body,
)

SDL_PATH: Path = FAKE_SDL
MAX_REPRESENTATIONS = 100
# The app token the test stack gives control-plane (tests.conftest.SALEOR_APP_TOKEN; a test
# checks they agree: conftest imports this module, so it cannot be imported from here).
APP_TOKEN = "test-saleor-app-token"
MANAGE_ORDERS_DENIED = (
    "To access this path, you need one of the following permissions: MANAGE_ORDERS"
)
# The permissions of the app behind `app_tokens` (control-plane's, in the test stack).
DEFAULT_APP_NAME = "cmp-fake-app"
DEFAULT_APP_PERMISSIONS = ["MANAGE_CHECKOUTS", "MANAGE_ORDERS", "MANAGE_PRODUCTS"]
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
        # The app behind `app_tokens` (a set tests may change): control-plane's in the stack.
        self.app_tokens = set(app_tokens)
        self.default_app = next((a for a in data.apps if a.name == DEFAULT_APP_NAME), None)
        if self.default_app is None:
            self.default_app = App(
                data.next_pk("app"), DEFAULT_APP_NAME, DEFAULT_APP_NAME, DEFAULT_APP_PERMISSIONS
            )
            data.apps.append(self.default_app)
        # Where this Saleor's API is (…/graphql/): `iss` of its tokens and `Saleor-Api-Url` of
        # its webhooks. Unset, tokens name the URL they were requested at.
        self.api_url = api_url
        self.key = key or SaleorKey()
        self.sdl = served_sdl(SDL_PATH.read_text())
        self.schema = _schema(self.sdl)
        self.requests: list[Any] = []  # request bodies, for tests to inspect
        self.deliveries: list[Delivery] = []
        self._sending: set[asyncio.Task[None]] = set()
        self._wire()

    @classmethod
    def of(cls, app: Starlette, api_url: str | None = None) -> FakeSaleor:
        """The fake behind `app`; `api_url` (once the server's address is known) sets it."""
        fake: FakeSaleor = app.state.fake
        if api_url is not None:
            fake.api_url = api_url
        return fake

    def _wire(self) -> None:
        catalog = Catalog(self.data)
        admin = CatalogAdmin(self.data)
        apps = AppsAdmin(self.data)
        checkouts = Checkouts(self.data, self._order_paid)
        queries: dict[str, Callable[..., Any]] = {
            "product": catalog.product,
            "products": catalog.products,
            "productType": catalog.product_type,
            "productTypes": catalog.product_types,
            "productVariant": self.product_variant,
            "productVariants": self.product_variants,
            "category": catalog.category,
            "categories": catalog.categories,
            "channel": catalog.channel,
            "channels": catalog.channels,
            "collection": lambda *_a, **_k: None,
            "order": self.order,
            "orders": self.orders,
            "checkout": checkouts.checkout,
            "app": apps.app,
            "apps": apps.apps,
            "webhook": apps.webhook,
            "me": self.me,
            "user": self.user,
            "_entities": self.entities,
            "_service": lambda *_a: {"sdl": self.sdl},
        }
        mutations: dict[str, Callable[..., Any]] = {
            "tokenCreate": self.token_create,
            "checkoutCreate": checkouts.checkout_create,
            "checkoutPaymentCreate": checkouts.checkout_payment_create,
            "checkoutComplete": checkouts.checkout_complete,
            "appCreate": apps.app_create,
            "appUpdate": apps.app_update,
            "appTokenCreate": apps.app_token_create,
            "webhookCreate": apps.webhook_create,
            "webhookUpdate": apps.webhook_update,
            "productTypeCreate": admin.product_type_create,
            "productTypeUpdate": admin.product_type_update,
            "categoryCreate": admin.category_create,
            "productCreate": admin.product_create,
            "productUpdate": admin.product_update,
            "productChannelListingUpdate": admin.product_channel_listing_update,
            "productVariantCreate": admin.product_variant_create,
            "productVariantUpdate": admin.product_variant_update,
            "productVariantChannelListingUpdate": admin.product_variant_channel_listing_update,
        }
        for type_name, resolvers in (("Query", queries), ("Mutation", mutations)):
            root = self.schema.get_type(type_name)
            assert isinstance(root, GraphQLObjectType)
            unresolved = set(root.fields) - set(resolvers)
            assert not unresolved, f"served but not resolved: {type_name}.{sorted(unresolved)}"
            for name, resolver in resolvers.items():
                root.fields[name].resolve = resolver
        entity = self.schema.get_type("_Entity")
        entity.resolve_type = lambda value, *_: value["__typename"]  # type: ignore[union-attr]
        for abstract in ("Node", "ObjectWithMetadata"):
            interface = self.schema.get_type(abstract)
            interface.resolve_type = _typename_of_id  # type: ignore[union-attr]

    # ------------------------------------------------------------------ root fields

    def product_variant(
        self,
        _root: Any,
        info: Info,
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
        info: Info,
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
        return connection(items, info=info, **args)

    def order(self, _root: Any, info: Info, id: str | None = None, **_: Any) -> Obj | None:
        """Apps with MANAGE_ORDERS only: control-plane must send its app token. (Real Saleor
        also shows an order to staff, and to whoever knows its UUID id.)"""
        caller: Caller = info.context["caller"]
        if caller.app is None or "MANAGE_ORDERS" not in caller.app.permissions:
            caller.requestor()  # a bad token is reported as such first, like Saleor
            raise permission_denied("MANAGE_ORDERS")
        found = self.data.order(_pk(id, "Order") or "")
        return order_view(self.data, found) if found else None

    def orders(self, _root: Any, info: Info, **args: Any) -> Obj:
        info.context["caller"].require("MANAGE_ORDERS")
        items = [order_view(self.data, o) for o in self.data.orders]
        return connection(items, info=info, **args)

    def me(self, _root: Any, info: Info) -> Obj | None:
        caller: Caller = info.context["caller"]
        found = caller.requestor()
        return user_view(self.data, found) if found else None

    def user(
        self,
        _root: Any,
        info: Info,
        id: str | None = None,
        email: str | None = None,
        **_: Any,
    ) -> Obj | None:
        found = self.data.user(_pk(id, "User"), email)
        shown = require_lookup(caller_of(info), self.data, found)
        return user_view(self.data, shown) if shown else None

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
        app = None
        if scheme.lower() == "bearer":
            if any(hmac.compare_digest(token.encode(), t.encode()) for t in self.app_tokens):
                app = self.default_app
            else:
                app = self.data.app_with_token(token)
        if app is not None:
            return Caller(issuer, app=app)
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

    def _order_paid(self, order: Order) -> None:
        """Saleor queues ORDER_FULLY_PAID for every active webhook of an active app that
        subscribes to it, and sends it after the mutation has answered (Celery)."""
        for webhook in self.data.webhooks:
            app = self.data.app(webhook.app_pk)
            if (
                webhook.is_active
                and app is not None
                and app.is_active
                and "ORDER_FULLY_PAID" in webhook.async_events
            ):
                task = asyncio.get_running_loop().create_task(self._deliver(webhook, order))
                self._sending.add(task)
                task.add_done_callback(self._sending.discard)

    async def _deliver(self, webhook: Webhook, order: Order) -> None:
        if webhook.subscription_query:
            body = subscription_body(self.data, order, webhook.subscription_query)
        else:
            body = order_fully_paid_body(self.data, order, "legacy")
        api_url = self.api_url or "http://saleor.invalid/graphql/"
        headers = delivery_headers(ORDER_FULLY_PAID, api_url, self.key.detached_jws(body))
        headers.update(json.loads(webhook.custom_headers or "{}"))
        try:
            async with httpx.AsyncClient(timeout=30) as client:
                response = await client.post(webhook.target_url, content=body, headers=headers)
            status = response.status_code
        except httpx.HTTPError:
            status = 0  # Saleor would retry; the fake records the failure
        self.deliveries.append(Delivery(webhook.target_url, headers, body, status))

    async def delivered(self) -> None:
        """Wait for the webhook deliveries in flight (tests call this before asserting)."""
        while self._sending:
            await asyncio.gather(*list(self._sending))

    # ------------------------------------------------------------------ federation

    def entities(
        self, _root: Any, info: Info, representations: list[dict[str, Any]]
    ) -> list[Obj | None]:
        if len(representations) > MAX_REPRESENTATIONS:
            raise GraphQLError(
                f"Too many representations: at most {MAX_REPRESENTATIONS} "
                "can be resolved in one request."
            )
        by_type: dict[str, list[Obj | None]] = {}
        for rep in representations:  # Saleor answers type by type, not in request order
            typename = rep.get("__typename", "")
            by_type.setdefault(typename, []).append(self._entity(typename, rep, caller_of(info)))
        return [item for items in by_type.values() for item in items]

    def _entity(self, typename: str, rep: dict[str, Any], caller: Caller) -> Obj | None:
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
            if user and entity_visible(caller, self.data, user):
                view = user_view(self.data, user)
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


def served_sdl(text: str) -> str:
    """The SDL file without its leading comment: what `_service { sdl }` answers."""
    lines = text.splitlines(keepends=True)
    while lines and (lines[0].startswith("#") or not lines[0].strip()):
        lines.pop(0)
    return "".join(lines)


@functools.cache
def _document(sdl: str) -> DocumentNode:
    return parse(sdl + FEDERATION_ADDITIONS)


def _schema(sdl: str) -> GraphQLSchema:
    """A schema of its own per fake (resolvers are set on it), from one parse per process."""
    return build_ast_schema(_document(sdl))


def _typename_of_id(value: Obj, *_: Any) -> str | None:
    """Node and ObjectWithMetadata values: their type is in their global id."""
    try:
        return parse_global_id(str(value["id"]))[0]
    except (KeyError, ValueError):
        return None


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
