"""The fake Saleor's apps, their tokens and webhooks (what `appCreate`, `appTokenCreate` and
`webhookCreate` make), as plain records."""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass, field

from tests.fakes.saleor.data_ids import global_id

# Saleor 3.22's PermissionEnum, in its order.
ALL_PERMISSIONS = (
    "MANAGE_USERS",
    "MANAGE_STAFF",
    "IMPERSONATE_USER",
    "MANAGE_APPS",
    "MANAGE_OBSERVABILITY",
    "MANAGE_CHECKOUTS",
    "HANDLE_CHECKOUTS",
    "HANDLE_TAXES",
    "MANAGE_TAXES",
    "MANAGE_CHANNELS",
    "MANAGE_DISCOUNTS",
    "MANAGE_GIFT_CARD",
    "MANAGE_MENUS",
    "MANAGE_ORDERS",
    "MANAGE_ORDERS_IMPORT",
    "MANAGE_PAGES",
    "MANAGE_PAGE_TYPES_AND_ATTRIBUTES",
    "HANDLE_PAYMENTS",
    "MANAGE_PLUGINS",
    "MANAGE_PRODUCTS",
    "MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES",
    "MANAGE_SHIPPING",
    "MANAGE_SETTINGS",
    "MANAGE_TRANSLATIONS",
)


def new_app_token() -> str:
    """Saleor's app tokens: 30 random characters."""
    return secrets.token_urlsafe(23)[:30]


@dataclass
class AppToken:
    pk: int
    name: str
    secret: str = field(default_factory=new_app_token)

    @property
    def id(self) -> str:
        return global_id("AppToken", self.pk)

    @property
    def last_4(self) -> str:
        """Saleor shows only the token's last four characters after creation."""
        return self.secret[-4:]


@dataclass
class App:
    pk: int
    name: str
    identifier: str
    permissions: list[str]
    tokens: list[AppToken] = field(default_factory=list)
    is_active: bool = True
    created: str = "2025-01-01T00:00:00+00:00"

    @property
    def id(self) -> str:
        return global_id("App", self.pk)

    def has_token(self, secret: str) -> bool:
        return any(hmac.compare_digest(secret.encode(), t.secret.encode()) for t in self.tokens)

    def add_token(self, name: str, secret: str | None = None) -> AppToken:
        pk = max((t.pk for t in self.tokens), default=self.pk * 1000) + 1
        token = AppToken(pk, name, secret or new_app_token())
        self.tokens.append(token)
        return token


@dataclass
class Webhook:
    pk: int
    app_pk: int
    name: str
    target_url: str
    async_events: list[str]  # WebhookEventTypeAsyncEnum names, e.g. ORDER_FULLY_PAID
    sync_events: list[str] = field(default_factory=list)
    is_active: bool = True
    subscription_query: str | None = None
    custom_headers: str | None = None  # JSONString
    secret_key: str | None = None  # deprecated HMAC signing: set means no JWS

    @property
    def id(self) -> str:
        return global_id("Webhook", self.pk)
