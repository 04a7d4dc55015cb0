"""`cmp saleor bootstrap`: what this project needs in a Saleor, created or brought up to date —
idempotent, so it is safe to run again; `dry_run` only reads and says what it would do.

- the app control-plane reads orders with (and `cmp saleor sync` writes products with), holding
  exactly APP_PERMISSIONS; its token is printed when the app is created (Saleor never shows a
  token again: `new_token` issues another);
- its ORDER_FULLY_PAID webhook to the router's /webhooks/saleor, with a subscription payload and
  no secret key (so Saleor signs deliveries with JWS, the only signature we accept);
- the digital product type agents are sold as (no shipping), and the category their products
  are published in (Saleor publishes no product without one)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cmp.saleor.client import GraphQLClient, Json, SetupError

# What control-plane and `cmp saleor sync` do with the app's token: read orders, write products.
APP_PERMISSIONS = ("MANAGE_ORDERS", "MANAGE_PRODUCTS")
ORDER_FULLY_PAID = "ORDER_FULLY_PAID"
# saleorOrderProcess reads the order with the app token: the payload only has to name it.
WEBHOOK_QUERY = "subscription { event { ... on OrderFullyPaid { order { id } } } }"

SIGN_IN = """mutation SignIn($email: String!, $password: String!) {
  tokenCreate(email: $email, password: $password) {
    token user { email isStaff } errors { field message code } } }"""
APPS = """query Apps($name: String!) { apps(first: 100, filter: {search: $name}) { edges { node {
  id name isActive permissions { code }
  webhooks { id name targetUrl isActive subscriptionQuery asyncEvents { eventType } } } } } }"""
APP_CREATE = """mutation AppCreate($input: AppInput!) { appCreate(input: $input) {
  authToken app { id } errors { field message code permissions } } }"""
APP_UPDATE = """mutation AppUpdate($id: ID!, $input: AppInput!) {
  appUpdate(id: $id, input: $input) { app { id } errors { field message code permissions } } }"""
APP_TOKEN_CREATE = """mutation AppToken($input: AppTokenInput!) { appTokenCreate(input: $input) {
  authToken errors { field message code } } }"""
WEBHOOK_CREATE = """mutation WebhookCreate($input: WebhookCreateInput!) {
  webhookCreate(input: $input) { webhook { id } errors { field message code } } }"""
WEBHOOK_UPDATE = """mutation WebhookUpdate($id: ID!, $input: WebhookUpdateInput!) {
  webhookUpdate(id: $id, input: $input) { webhook { id } errors { field message code } } }"""
PRODUCT_TYPES = """query ProductTypes($name: String!) {
  productTypes(first: 100, filter: {search: $name}) { edges { node {
    id name slug kind hasVariants isShippingRequired isDigital } } } }"""
PRODUCT_TYPE_CREATE = """mutation ProductTypeCreate($input: ProductTypeInput!) {
  productTypeCreate(input: $input) { productType { id } errors { field message code } } }"""
PRODUCT_TYPE_UPDATE = """mutation ProductTypeUpdate($id: ID!, $input: ProductTypeInput!) {
  productTypeUpdate(id: $id, input: $input) {
    productType { id } errors { field message code } } }"""
CATEGORIES = """query Categories($name: String!) {
  categories(first: 100, filter: {search: $name}) { edges { node { id name slug } } } }"""
CATEGORY_CREATE = """mutation CategoryCreate($input: CategoryInput!) {
  categoryCreate(input: $input) { category { id } errors { field message code } } }"""


@dataclass(frozen=True)
class BootstrapOptions:
    webhook_url: str  # the router's …/webhooks/saleor, as Saleor reaches it
    app_name: str = "CMP"
    webhook_name: str = "cmp orders"
    product_type: str = "AI agent"
    product_type_slug: str = "ai-agent"
    category: str = "AI agents"
    category_slug: str = "ai-agents"
    new_token: bool = False


@dataclass(frozen=True)
class Step:
    verb: str  # create | update | keep
    what: str

    def __str__(self) -> str:
        return f"{self.verb:<6} {self.what}"


@dataclass
class StepReport:
    """What a run did, or as a dry run would do: one Step for each thing it looked at."""

    steps: list[Step] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(s.verb != "keep" for s in self.steps)

    def record(self, verb: str, what: str, dry_run: bool) -> bool:
        """Record a step; True when it is to be carried out now."""
        self.steps.append(Step(verb, what))
        return verb != "keep" and not dry_run


@dataclass
class BootstrapReport(StepReport):
    app_id: str | None = None
    app_token: str | None = None  # only when one was issued by this run
    webhook_id: str | None = None
    product_type_id: str | None = None
    category_id: str | None = None


def sign_in(saleor: GraphQLClient, email: str, password: str) -> str:
    """A staff user's access token from Saleor's `tokenCreate`."""
    payload = saleor.mutate(SIGN_IN, "tokenCreate", {"email": email, "password": password})
    user = payload.get("user") or {}
    if not user.get("isStaff"):
        raise SetupError(f"{email} is not a Saleor staff user")
    token: str = payload["token"]
    return token


def _nodes(connection: Json | None) -> list[Json]:
    return [edge["node"] for edge in (connection or {}).get("edges") or []]


class _Bootstrap:
    def __init__(self, saleor: GraphQLClient, options: BootstrapOptions, dry_run: bool) -> None:
        self.saleor = saleor
        self.options = options
        self.dry_run = dry_run
        self.report = BootstrapReport()

    def step(self, verb: str, what: str) -> bool:
        return self.report.record(verb, what, self.dry_run)

    def run(self) -> BootstrapReport:
        app = self.app()
        self.webhook(app)
        self.product_type()
        self.category()
        return self.report

    def app(self) -> Json | None:
        name = self.options.app_name
        found = next(
            (
                a
                for a in _nodes(self.saleor.query(APPS, {"name": name})["apps"])
                if a["name"] == name
            ),
            None,
        )
        wanted = list(APP_PERMISSIONS)
        if found is None:
            if self.step("create", f"app {name!r} with {', '.join(wanted)}"):
                payload = self.saleor.mutate(
                    APP_CREATE, "appCreate", {"input": {"name": name, "permissions": wanted}}
                )
                self.report.app_id = payload["app"]["id"]
                self.report.app_token = payload["authToken"]
                return {"id": self.report.app_id, "webhooks": []}
            return None
        self.report.app_id = found["id"]
        held = sorted(p["code"] for p in found.get("permissions") or [])
        if held != sorted(wanted) or not found.get("isActive", True):
            if self.step("update", f"app {name!r}: permissions {', '.join(wanted)}"):
                self.saleor.mutate(
                    APP_UPDATE, "appUpdate", {"id": found["id"], "input": {"permissions": wanted}}
                )
        else:
            self.step("keep", f"app {name!r} ({found['id']})")
        if self.options.new_token and self.step("create", f"a new token for app {name!r}"):
            payload = self.saleor.mutate(
                APP_TOKEN_CREATE,
                "appTokenCreate",
                {"input": {"app": found["id"], "name": "cmp saleor bootstrap"}},
            )
            self.report.app_token = payload["authToken"]
        return found

    def webhook(self, app: Json | None) -> None:
        options = self.options
        wanted: dict[str, Any] = {
            "name": options.webhook_name,
            "targetUrl": options.webhook_url,
            "asyncEvents": [ORDER_FULLY_PAID],
            "query": WEBHOOK_QUERY,
            "isActive": True,
        }
        what = f"webhook {options.webhook_name!r}: ORDER_FULLY_PAID -> {options.webhook_url}"
        found = next(
            (w for w in (app or {}).get("webhooks") or [] if w["name"] == options.webhook_name),
            None,
        )
        if found is None:
            if self.step("create", what) and app is not None:
                payload = self.saleor.mutate(
                    WEBHOOK_CREATE, "webhookCreate", {"input": {**wanted, "app": app["id"]}}
                )
                self.report.webhook_id = payload["webhook"]["id"]
            return
        self.report.webhook_id = found["id"]
        current = {
            "targetUrl": found.get("targetUrl"),
            "query": found.get("subscriptionQuery"),
            "isActive": found.get("isActive"),
            "asyncEvents": [e["eventType"] for e in found.get("asyncEvents") or []],
        }
        if all(current[k] == wanted[k] for k in current):
            self.step("keep", f"webhook {options.webhook_name!r} ({found['id']})")
        elif self.step("update", what):
            self.saleor.mutate(
                WEBHOOK_UPDATE, "webhookUpdate", {"id": found["id"], "input": wanted}
            )

    def product_type(self) -> None:
        options = self.options
        wanted = {
            "kind": "NORMAL",
            "hasVariants": True,
            "isShippingRequired": False,
            "isDigital": True,
        }
        nodes = _nodes(
            self.saleor.query(PRODUCT_TYPES, {"name": options.product_type})["productTypes"]
        )
        found = next((t for t in nodes if t["slug"] == options.product_type_slug), None)
        what = f"product type {options.product_type!r} (digital, no shipping, a variant per plan)"
        if found is None:
            if self.step("create", what):
                payload = self.saleor.mutate(
                    PRODUCT_TYPE_CREATE,
                    "productTypeCreate",
                    {
                        "input": {
                            "name": options.product_type,
                            "slug": options.product_type_slug,
                            **wanted,
                        }
                    },
                )
                self.report.product_type_id = payload["productType"]["id"]
            return
        self.report.product_type_id = found["id"]
        if all(found[k] == v for k, v in wanted.items()):
            self.step("keep", f"product type {options.product_type!r} ({found['id']})")
        elif self.step("update", what):
            self.saleor.mutate(
                PRODUCT_TYPE_UPDATE, "productTypeUpdate", {"id": found["id"], "input": wanted}
            )

    def category(self) -> None:
        options = self.options
        nodes = _nodes(self.saleor.query(CATEGORIES, {"name": options.category})["categories"])
        found = next((c for c in nodes if c["slug"] == options.category_slug), None)
        if found is not None:
            self.report.category_id = found["id"]
            self.step("keep", f"category {options.category!r} ({found['id']})")
        elif self.step("create", f"category {options.category!r} (agents are published in it)"):
            payload = self.saleor.mutate(
                CATEGORY_CREATE,
                "categoryCreate",
                {"input": {"name": options.category, "slug": options.category_slug}},
            )
            self.report.category_id = payload["category"]["id"]


def bootstrap(
    saleor: GraphQLClient, options: BootstrapOptions, dry_run: bool = False
) -> BootstrapReport:
    """`saleor` acts as a staff user with MANAGE_APPS and the permissions it grants."""
    return _Bootstrap(saleor, options, dry_run).run()
