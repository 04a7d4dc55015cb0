"""The fake Saleor subgraph: an ASGI app serving schema/saleor.graphql at POST /graphql/.

Behaves like real Saleor 3.22 where the router cares (../shared/saleor/README.md): answers
`_service { sdl }` with the SDL file verbatim, resolves `_entities` for Product,
ProductVariant, User and Order, refuses more than 100 representations per request, returns
mixed-type `_entities` results grouped by type (not in request order), fails the whole field
on a malformed id, and refuses batched (JSON array) requests. `me` is the user whose email is
the bearer token (a fake-only shortcut until a token flow exists).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

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

from tests.fakes.saleor.data import SaleorData, default_data, parse_global_id
from tests.fakes.saleor.views import (
    Obj,
    connection,
    order_view,
    product_view,
    user_view,
    variant_view,
)

Info = GraphQLResolveInfo  # graphql-core's resolver info
SDL_PATH = Path(__file__).resolve().parents[3] / "schema" / "saleor.graphql"
MAX_REPRESENTATIONS = 100
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


class FakeSaleor:
    def __init__(self, data: SaleorData) -> None:
        self.data = data
        self.sdl = SDL_PATH.read_text()
        self.schema = build_ast_schema(parse(self.sdl + FEDERATION_ADDITIONS))
        self.requests: list[Any] = []  # request bodies, for tests to inspect
        self._wire()

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

    def order(self, _root: Any, _info: Info, id: str | None = None, **_: Any) -> Obj | None:
        found = self.data.order(_pk(id, "Order") or "")
        return order_view(self.data, found) if found else None

    def orders(self, _root: Any, _info: Info, **args: Any) -> Obj:
        items = [order_view(self.data, o) for o in self.data.orders]
        return connection(items, args.get("first"), args.get("after"))

    def me(self, _root: Any, info: Info) -> Obj | None:
        found = self.data.user(email=info.context.get("bearer"))
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
        auth = request.headers.get("authorization", "")
        context = {"bearer": auth.removeprefix("Bearer ").strip() or None}
        result = await graphql(
            self.schema,
            body.get("query") or "",
            variable_values=body.get("variables"),
            operation_name=body.get("operationName"),
            context_value=context,
        )
        return JSONResponse(result.formatted)


def create_app(data: SaleorData | None = None) -> Starlette:
    fake = FakeSaleor(data or default_data())
    app = Starlette(routes=[Route("/graphql/", fake.handle, methods=["POST"])])
    app.router.redirect_slashes = False  # /graphql (no slash) is a 404, not a redirect
    app.state.fake = fake
    return app


def schema_of(app: Starlette) -> GraphQLSchema:
    fake: FakeSaleor = app.state.fake
    return fake.schema
