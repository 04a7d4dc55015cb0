"""The fake's apps and webhooks: `appCreate`, `appUpdate`, `appTokenCreate`, `webhookCreate`,
`webhookUpdate` and the `app`, `apps`, `webhook` queries, validated as Saleor 3.22 does
(saleor/graphql/app/mutations, saleor/graphql/webhook/mutations)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from graphql import (
    FieldNode,
    GraphQLError,
    GraphQLSyntaxError,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    parse,
)

from tests.fakes.saleor.apps import ALL_PERMISSIONS, App, Webhook
from tests.fakes.saleor.caller import (
    Caller,
    Info,
    MutationError,
    caller_of,
    mutation,
    node_pk,
    not_found,
    permission_denied,
)
from tests.fakes.saleor.data import SaleorData
from tests.fakes.saleor.data_ids import pk_of
from tests.fakes.saleor.views import Obj, connection, with_metadata

APP_ERROR = ("permissions",)
WEBHOOK_SCHEMES = ("http", "https", "awssqs", "gcpubsub")


def _permission_name(code: str) -> str:
    return code.replace("_", " ").capitalize() + "."


def app_view(data: SaleorData, app: App, show_tokens: bool = True) -> Obj:
    return with_metadata(
        {
            "id": app.id,
            "name": app.name,
            "identifier": app.identifier,
            "isActive": app.is_active,
            "created": app.created,
            "type": "LOCAL",
            "permissions": [{"code": p, "name": _permission_name(p)} for p in app.permissions],
            # Saleor shows a token's last four characters, never the token again.
            "tokens": [{"id": t.id, "name": t.name, "authToken": t.last_4} for t in app.tokens]
            if show_tokens
            else None,
            "webhooks": lambda _info: [
                webhook_view(data, w) for w in data.webhooks if w.app_pk == app.pk
            ],
        },
        {},
    )


def webhook_view(data: SaleorData, webhook: Webhook) -> Obj:
    app = data.app(webhook.app_pk)
    return {
        "id": webhook.id,
        "name": webhook.name,
        "targetUrl": webhook.target_url,
        "isActive": webhook.is_active,
        "subscriptionQuery": webhook.subscription_query,
        "customHeaders": webhook.custom_headers,
        "asyncEvents": [
            {"eventType": e, "name": e.replace("_", " ").capitalize()} for e in webhook.async_events
        ],
        "syncEvents": [
            {"eventType": e, "name": e.replace("_", " ").capitalize()} for e in webhook.sync_events
        ],
        "app": (lambda _info: app_view(data, app)) if app else None,
    }


def events_of_subscription(query: str) -> list[str]:
    """The events a webhook's subscription query subscribes to, as Saleor's SubscriptionQuery
    finds them (`subscription { event { ... on OrderFullyPaid { … } } }` → ORDER_FULLY_PAID),
    or MutationError with Saleor's code. The fake does not validate the selection against
    Saleor's Subscription type, which its `_service` SDL does not include."""
    try:
        document = parse(query)
    except GraphQLSyntaxError as error:
        raise MutationError("query", error.message, "SYNTAX") from error
    operation = next(
        (
            d
            for d in document.definitions
            if isinstance(d, OperationDefinitionNode) and d.operation == OperationType.SUBSCRIPTION
        ),
        None,
    )
    if operation is None:
        raise MutationError(
            "query", "Subscription operation can't be found.", "MISSING_SUBSCRIPTION"
        )
    top = [s for s in operation.selection_set.selections if isinstance(s, FieldNode)]
    if len(operation.selection_set.selections) != 1 or not top:
        raise MutationError("query", "Subscription must select only one top field.", "INVALID")
    field = top[0]
    if field.name.value != "event":
        return [_snake_upper(field.name.value)]
    events = [
        _snake_upper(s.type_condition.name.value)
        for s in (field.selection_set.selections if field.selection_set else ())
        if isinstance(s, InlineFragmentNode) and s.type_condition is not None
    ]
    if not events:
        raise MutationError("query", "Can't find a single event.", "MISSING_EVENT")
    return events


def _snake_upper(name: str) -> str:
    return "".join(f"_{c}" if c.isupper() else c.upper() for c in name).lstrip("_")


class AppsAdmin:
    def __init__(self, data: SaleorData) -> None:
        self.data = data

    # ------------------------------------------------------------------ queries

    def app(self, _root: Any, info: Info, id: str | None = None) -> Obj | None:
        caller = caller_of(info)
        if id is None:  # the calling app itself
            return app_view(self.data, caller.app) if caller.app else None
        if not caller.has("MANAGE_APPS") and not (caller.app and caller.app.id == id):
            raise permission_denied("MANAGE_APPS")
        try:
            found = self.data.app(pk_of(id, "App"))
        except ValueError as error:
            raise GraphQLError(str(error)) from error
        return app_view(self.data, found) if found else None

    def apps(
        self, _root: Any, info: Info, filter: dict[str, Any] | None = None, **args: Any
    ) -> Obj:
        caller_of(info).require("MANAGE_APPS")
        search = ((filter or {}).get("search") or "").lower()
        found = [a for a in self.data.apps if search in a.name.lower()]
        return connection([app_view(self.data, a) for a in found], info=info, **args)

    def webhook(self, _root: Any, info: Info, id: str) -> Obj | None:
        caller = caller_of(info)
        try:
            found = next((w for w in self.data.webhooks if str(w.pk) == pk_of(id, "Webhook")), None)
        except ValueError as error:
            raise GraphQLError(str(error)) from error
        if found is None:
            return None
        if not caller.has("MANAGE_APPS") and not (caller.app and caller.app.pk == found.app_pk):
            raise permission_denied("MANAGE_APPS")
        return webhook_view(self.data, found)

    # ------------------------------------------------------------------ apps

    @mutation("app", APP_ERROR)
    async def app_create(self, _root: Any, info: Info, input: dict[str, Any]) -> Obj:
        caller = self._staff_managing_apps(info)
        permissions = self._grantable(caller, input.get("permissions") or [])
        name = (input.get("name") or "").strip()
        if not name:
            raise MutationError("name", "This field is required.", "REQUIRED")
        pk = self.data.next_pk("app")
        app = App(pk, name, input.get("identifier") or str(pk), permissions)
        token = app.add_token("Default")
        self.data.apps.append(app)
        return {"errors": [], "authToken": token.secret, "app": app_view(self.data, app)}

    @mutation("app", APP_ERROR)
    async def app_update(self, _root: Any, info: Info, id: str, input: dict[str, Any]) -> Obj:
        caller = self._staff_managing_apps(info)
        app = self._app(id, "id")
        if input.get("permissions") is not None:
            app.permissions = self._grantable(caller, input["permissions"])
        if input.get("name") is not None:
            app.name = input["name"]
        if input.get("identifier") is not None:
            app.identifier = input["identifier"]
        return {"errors": [], "app": app_view(self.data, app)}

    @mutation("appToken", APP_ERROR)
    async def app_token_create(self, _root: Any, info: Info, input: dict[str, Any]) -> Obj:
        caller_of(info).require("MANAGE_APPS")
        app = self._app(input["app"], "app")
        token = app.add_token(input.get("name") or "")
        return {
            "errors": [],
            "authToken": token.secret,
            "appToken": {"id": token.id, "name": token.name, "authToken": token.last_4},
        }

    def _staff_managing_apps(self, info: Info) -> Caller:
        """AUTHENTICATED_STAFF_USER and MANAGE_APPS: apps cannot create or change apps."""
        caller = caller_of(info)
        user = caller.requestor()
        if caller.app is not None or user is None or not user.is_staff:
            raise permission_denied("AUTHENTICATED_STAFF_USER", "MANAGE_APPS")
        caller.require("MANAGE_APPS")
        return caller

    def _grantable(self, caller: Caller, permissions: list[str]) -> list[str]:
        missing = [p for p in permissions if p not in caller.permissions]
        if missing:
            raise MutationError(
                "permissions",
                "You can't add permission that you don't have.",
                "OUT_OF_SCOPE_PERMISSION",
                {"permissions": missing},
            )
        return [p for p in ALL_PERMISSIONS if p in permissions]

    def _app(self, app_id: str, field: str) -> App:
        found = self.data.app(node_pk(app_id, "App", field))
        if found is None:
            raise not_found(field, app_id)
        return found

    # ------------------------------------------------------------------ webhooks

    @mutation("webhook")
    async def webhook_create(self, _root: Any, info: Info, input: dict[str, Any]) -> Obj:
        caller = caller_of(info)
        if caller.app is None:
            caller.require("MANAGE_APPS")
        app = caller.app
        if app is None:
            if not input.get("app"):
                raise MutationError(
                    None,
                    "Missing app id. Fill in the app field or run the mutation by the app",
                    "INVALID",
                )
            app = self._app(input["app"], "app")
        if not app.is_active:
            raise MutationError(None, "App doesn't exist or is disabled", "NOT_FOUND")
        webhook = Webhook(self.data.next_pk("webhook"), app.pk, input.get("name") or "", "", [])
        self._apply_webhook(webhook, input, creating=True)
        self.data.webhooks.append(webhook)
        return {"errors": [], "webhook": webhook_view(self.data, webhook)}

    @mutation("webhook")
    async def webhook_update(self, _root: Any, info: Info, id: str, input: dict[str, Any]) -> Obj:
        caller = caller_of(info)
        pk = node_pk(id, "Webhook", "id")
        webhook = next((w for w in self.data.webhooks if str(w.pk) == pk), None)
        if webhook is None:
            raise not_found("id", id)
        if not (caller.app and caller.app.pk == webhook.app_pk):
            caller.require("MANAGE_APPS")
        if input.get("app") is not None:
            webhook.app_pk = self._app(input["app"], "app").pk
        self._apply_webhook(webhook, input, creating=False)
        return {"errors": [], "webhook": webhook_view(self.data, webhook)}

    def _apply_webhook(self, webhook: Webhook, given: dict[str, Any], creating: bool) -> None:
        target = given.get("targetUrl")
        if target is not None or creating:
            if not target or urlsplit(target).scheme not in WEBHOOK_SCHEMES:
                raise MutationError("targetUrl", "Enter a valid URL.", "INVALID")
            webhook.target_url = target
        if given.get("name") is not None:
            webhook.name = given["name"]
        if given.get("isActive") is not None:
            webhook.is_active = given["isActive"]
        if "secretKey" in given:
            webhook.secret_key = given["secretKey"]
        if given.get("customHeaders") is not None:
            try:
                headers = json.loads(given["customHeaders"])
            except ValueError as error:
                raise MutationError(
                    "customHeaders", "Invalid custom headers.", "INVALID_CUSTOM_HEADERS"
                ) from error
            webhook.custom_headers = json.dumps(headers)
        from_query: list[str] = []
        if given.get("query") is not None:
            from_query = events_of_subscription(given["query"])
            webhook.subscription_query = given["query"]
        events = list(given.get("asyncEvents") or [])
        if given.get("asyncEvents") is not None or given.get("query") is not None or creating:
            webhook.async_events = events or from_query
        if given.get("syncEvents") is not None:
            webhook.sync_events = list(given["syncEvents"])
