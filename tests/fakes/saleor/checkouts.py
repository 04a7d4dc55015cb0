"""The fake Saleor's checkouts and their payments (what `checkoutCreate` and
`checkoutPaymentCreate` make), as plain records."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from tests.fakes.saleor.data_ids import global_id

DUMMY_GATEWAY = "mirumee.payments.dummy"  # Saleor's built-in dummy payment plugin


@dataclass
class CheckoutLine:
    variant_pk: int
    quantity: int
    pk: str = field(default_factory=lambda: str(uuid.uuid4()))

    @property
    def id(self) -> str:
        return global_id("CheckoutLine", self.pk)


@dataclass
class Payment:
    pk: int
    gateway: str
    token: str
    amount: float
    currency: str
    charge_status: str = "NOT_CHARGED"  # PaymentChargeStatusEnum
    is_active: bool = True

    @property
    def id(self) -> str:
        return global_id("Payment", self.pk)


@dataclass
class Checkout:
    channel: str
    lines: list[CheckoutLine]
    user_pk: int | None = None
    email: str | None = None
    billing_address: dict[str, Any] | None = None
    shipping_address: dict[str, Any] | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    private_metadata: dict[str, str] = field(default_factory=dict)
    payments: list[Payment] = field(default_factory=list)
    pk: str = field(default_factory=lambda: str(uuid.uuid4()))  # Saleor's checkout token

    @property
    def id(self) -> str:
        return global_id("Checkout", self.pk)

    def active_payment(self) -> Payment | None:
        return next((p for p in reversed(self.payments) if p.is_active), None)
