"""The fake's checkout: `checkoutCreate`, `checkoutPaymentCreate` (Saleor's dummy gateway) and
`checkoutComplete` → a paid order, with the checks and error codes of Saleor 3.22
(saleor/graphql/checkout/mutations, saleor/checkout/checkout_cleaner.py). Digital lines need no
shipping; the fake has no shipping methods, so a checkout that needs shipping cannot complete
(SHIPPING_METHOD_NOT_SET), as in a Saleor without shipping zones. The checkout's metadata
becomes the order's, as Saleor copies it; a completed, paid order is handed to `on_paid`
(the fake then delivers ORDER_FULLY_PAID to the webhooks subscribed to it)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from typing import Any

from graphql import GraphQLError

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
from tests.fakes.saleor.checkouts import DUMMY_GATEWAY, Checkout, CheckoutLine, Payment
from tests.fakes.saleor.data import Order, OrderLine, Product, SaleorData, Variant
from tests.fakes.saleor.data_ids import pk_of
from tests.fakes.saleor.views import (
    Obj,
    address_view,
    channel_view,
    money,
    order_view,
    taxed,
    user_view,
    variant_view,
    with_metadata,
)

CHECKOUT_ERROR = ("variants", "lines", "addressType")
PAYMENT_ERROR = ("variants",)
TIMESTAMP = "2025-01-01T00:00:00+00:00"
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class Checkouts:
    def __init__(self, data: SaleorData, on_paid: Callable[[Order], None]) -> None:
        self.data = data
        self.on_paid = on_paid

    # ------------------------------------------------------------------ views

    def _lines(self, checkout: Checkout) -> list[tuple[CheckoutLine, Product, Variant, float]]:
        rows = []
        for line in checkout.lines:
            found = self.data.variant(line.variant_pk)
            if found is not None:
                product, variant = found
                rows.append((line, product, variant, variant.prices.get(checkout.channel, 0.0)))
        return rows

    def total(self, checkout: Checkout) -> float:
        return round(sum(unit * line.quantity for line, _p, _v, unit in self._lines(checkout)), 2)

    def shipping_required(self, checkout: Checkout) -> bool:
        return any(
            self.data.type_of(p).is_shipping_required for _l, p, _v, _u in self._lines(checkout)
        )

    def view(self, checkout: Checkout) -> Obj:
        channel = self.data.channel(checkout.channel)
        currency = channel.currency if channel else self.data.currency
        user = self.data.user(checkout.user_pk) if checkout.user_pk is not None else None
        total = self.total(checkout)
        return with_metadata(
            {
                "id": checkout.id,
                "token": checkout.pk,
                "created": TIMESTAMP,
                "updatedAt": TIMESTAMP,
                "user": user_view(self.data, user) if user else None,
                "channel": channel_view(channel) if channel else None,
                "email": checkout.email,
                "billingAddress": address_view(checkout.billing_address),
                "shippingAddress": address_view(checkout.shipping_address),
                "isShippingRequired": self.shipping_required(checkout),
                "quantity": sum(line.quantity for line in checkout.lines),
                "lines": [
                    with_metadata(
                        {
                            "id": line.id,
                            "variant": variant_view(self.data, product, variant, checkout.channel),
                            "quantity": line.quantity,
                            "unitPrice": taxed(unit, currency),
                            "totalPrice": taxed(unit * line.quantity, currency),
                            "requiresShipping": self.data.type_of(product).is_shipping_required,
                        },
                        {},
                    )
                    for line, product, variant, unit in self._lines(checkout)
                ],
                "subtotalPrice": taxed(total, currency),
                "totalPrice": taxed(total, currency),
            },
            checkout.metadata,
            checkout.private_metadata,
        )

    # ------------------------------------------------------------------ checkout(id)

    def checkout(
        self, _root: Any, info: Info, id: str | None = None, token: str | None = None
    ) -> Obj | None:
        try:
            pk = token or (pk_of(id, "Checkout") if id else None)
        except ValueError as error:
            raise GraphQLError(str(error)) from error
        found = self.data.checkout(str(pk)) if pk else None
        if found is None:
            return None
        caller = caller_of(info)
        user = caller.requestor()
        owner = found.user_pk is None or (user is not None and user.pk == found.user_pk)
        if not owner and not caller.permissions & {"MANAGE_CHECKOUTS", "HANDLE_CHECKOUTS"}:
            raise permission_denied("MANAGE_CHECKOUTS", "HANDLE_CHECKOUTS")
        return self.view(found)

    # ------------------------------------------------------------------ checkoutCreate

    @mutation("checkout", CHECKOUT_ERROR)
    async def checkout_create(self, _root: Any, info: Info, input: dict[str, Any]) -> Obj:
        caller = caller_of(info)
        user = caller.requestor()
        if input.get("privateMetadata") is not None and not caller.permissions & {
            "MANAGE_CHECKOUTS",
            "HANDLE_CHECKOUTS",
        }:
            raise permission_denied("HANDLE_CHECKOUTS", "MANAGE_CHECKOUTS")
        channel = self._channel(input.get("channel"))
        lines = self._clean_lines(input.get("lines") or [], channel)
        email = input.get("email") or (user.email if user else None)
        if email is not None and not EMAIL.match(email):
            raise MutationError("email", "Enter a valid email address.", "INVALID")
        checkout = Checkout(
            channel,
            lines,
            user.pk if user else None,
            email,
            _address(input.get("billingAddress"), "BILLING"),
            _address(input.get("shippingAddress"), "SHIPPING"),
            _metadata(input.get("metadata")),
            _metadata(input.get("privateMetadata")),
        )
        self.data.checkouts.append(checkout)
        return {"errors": [], "checkout": self.view(checkout)}

    def _channel(self, slug: str | None) -> str:
        """saleor.graphql.channel.utils.clean_channel."""
        if slug is None:
            active = [c for c in self.data.channels if c.is_active]
            if len(self.data.channels) != 1 or not active:
                raise MutationError(
                    "channel", "You need to provide channel slug.", "MISSING_CHANNEL_SLUG"
                )
            return active[0].slug
        found = self.data.channel(slug)
        if found is None:
            raise MutationError(
                "channel", f"Channel with '{slug}' slug does not exist.", "NOT_FOUND"
            )
        if not found.is_active:
            raise MutationError(
                "channel", f"Channel with '{slug}' is inactive.", "CHANNEL_INACTIVE"
            )
        return found.slug

    def _clean_lines(self, given: list[dict[str, Any]], channel: str) -> list[CheckoutLine]:
        found: list[tuple[Product, Variant, int]] = []
        for line in given:
            pk = node_pk(line["variantId"], "ProductVariant", "variantId")
            pair = self.data.variant(pk)
            if pair is None:
                raise not_found("variantId", line["variantId"])
            if line["quantity"] < 0:
                raise MutationError(
                    "quantity", "The quantity should be higher than zero.", "ZERO_QUANTITY"
                )
            found.append((*pair, line["quantity"]))

        def purchasable(product: Product, _variant: Variant) -> bool:
            listing = product.listing(channel)
            return bool(listing and listing.is_available_for_purchase)

        def priced(_product: Product, variant: Variant) -> bool:
            return channel in variant.prices

        def published(product: Product, _variant: Variant) -> bool:
            listing = product.listing(channel)
            return bool(listing and listing.is_published)

        checks: list[tuple[Callable[[Product, Variant], bool], str, str]] = [
            (
                purchasable,
                "PRODUCT_UNAVAILABLE_FOR_PURCHASE",
                "Cannot add lines for unavailable for purchase variants.",
            ),
            (
                priced,
                "UNAVAILABLE_VARIANT_IN_CHANNEL",
                "Cannot add lines with unavailable variants.",
            ),
            (published, "PRODUCT_NOT_PUBLISHED", "Cannot add lines for unpublished variants."),
        ]
        for holds, code, message in checks:
            bad = sorted({v.id for p, v, _q in found if not holds(p, v)})
            if bad:
                raise MutationError("lines", message, code, {"variants": bad})
        merged: dict[int, int] = {}
        for _p, variant, quantity in found:  # Saleor merges lines of one variant
            merged[variant.pk] = merged.get(variant.pk, 0) + quantity
        return [CheckoutLine(pk, quantity) for pk, quantity in merged.items() if quantity > 0]

    # ------------------------------------------------------------------ checkoutPaymentCreate

    @mutation("payment", PAYMENT_ERROR)
    async def checkout_payment_create(
        self,
        _root: Any,
        info: Info,
        input: dict[str, Any],
        id: str | None = None,
        checkoutId: str | None = None,
        token: str | None = None,
    ) -> Obj:
        checkout = self._checkout(id or checkoutId, token, caller_of(info))
        if not checkout.email:
            raise MutationError(None, "Checkout email must be set.", "CHECKOUT_EMAIL_NOT_SET")
        gateway = input["gateway"]
        if gateway != DUMMY_GATEWAY:
            raise MutationError(
                "gateway",
                f"The gateway {gateway} is not available for this checkout.",
                "NOT_SUPPORTED_GATEWAY",
            )
        if not checkout.lines:
            raise MutationError(
                "lines", "Cannot create payment for checkout without lines.", "NO_CHECKOUT_LINES"
            )
        if self.shipping_required(checkout):
            raise MutationError(
                "shippingMethod", "Shipping method is not set", "SHIPPING_METHOD_NOT_SET"
            )
        if checkout.billing_address is None:
            raise MutationError(
                "billingAddress", "Billing address is not set", "BILLING_ADDRESS_NOT_SET"
            )
        total = self.total(checkout)
        amount = float(input["amount"]) if input.get("amount") is not None else total
        if round(amount, 2) != total:
            raise MutationError(
                "amount",
                "Partial payments are not allowed, amount should be equal checkout's total.",
                "PARTIAL_PAYMENT_NOT_ALLOWED",
            )
        for previous in checkout.payments:
            previous.is_active = False
        payment = Payment(
            sum(len(c.payments) for c in self.data.checkouts) + len(self.data.orders) + 1,
            gateway,
            input.get("token") or "",
            amount,
            self._currency(checkout),
        )
        checkout.payments.append(payment)
        return {
            "errors": [],
            "checkout": self.view(checkout),
            "payment": self._payment_view(payment),
        }

    def _payment_view(self, payment: Payment) -> Obj:
        return with_metadata(
            {
                "id": payment.id,
                "gateway": payment.gateway,
                "isActive": payment.is_active,
                "created": TIMESTAMP,
                "token": payment.token,
                "chargeStatus": payment.charge_status,
                "total": money(payment.amount, payment.currency),
            },
            {},
        )

    # ------------------------------------------------------------------ checkoutComplete

    @mutation("order", CHECKOUT_ERROR)
    async def checkout_complete(
        self,
        _root: Any,
        info: Info,
        id: str | None = None,
        checkoutId: str | None = None,
        token: str | None = None,
        metadata: list[dict[str, str]] | None = None,
        **_: Any,
    ) -> Obj:
        given = id or checkoutId
        try:
            checkout = self._checkout(given, token, caller_of(info))
        except MutationError:
            # Completed before: Saleor answers with the order it made (CheckoutComplete).
            key = token or (node_pk(given, "Checkout", "id") if given else None)
            order = next((o for o in self.data.orders if key and o.checkout_token == key), None)
            if order is None:
                raise
            return self._completed(order)
        if not checkout.email:
            raise MutationError(None, "Checkout email must be set.", "EMAIL_NOT_SET")
        if not checkout.lines:
            raise MutationError("lines", "Cannot complete checkout without lines.", "NO_LINES")
        if self.shipping_required(checkout):
            raise MutationError(
                "shippingMethod", "Shipping method is not set", "SHIPPING_METHOD_NOT_SET"
            )
        if checkout.billing_address is None:
            raise MutationError(
                "billingAddress", "Billing address is not set", "BILLING_ADDRESS_NOT_SET"
            )
        payment = checkout.active_payment()
        if payment is None or round(payment.amount, 2) < self.total(checkout):
            raise MutationError(
                None,
                "Provided payment methods can not cover the checkout's total amount",
                "CHECKOUT_NOT_FULLY_PAID",
            )
        payment.charge_status = "FULLY_CHARGED"  # the dummy gateway captures at once
        order = self._order_from(checkout, metadata)
        self.data.checkouts.remove(checkout)
        self.on_paid(order)
        return self._completed(order)

    def _completed(self, order: Order) -> Obj:
        return {
            "errors": [],
            "order": order_view(self.data, order),
            "confirmationNeeded": False,
            "confirmationData": None,
        }

    def _order_from(self, checkout: Checkout, metadata: list[dict[str, str]] | None) -> Order:
        user = self.data.user(checkout.user_pk) if checkout.user_pk is not None else None
        number = max((int(o.number) for o in self.data.orders if o.number.isdigit()), default=0) + 1
        order = Order(
            str(uuid.uuid4()),
            str(number),
            user.pk if user else None,
            checkout.email or "",
            [
                OrderLine(str(uuid.uuid4()), variant.pk, line.quantity, unit)
                for line, _product, variant, unit in self._lines(checkout)
            ],
            channel=checkout.channel,
            metadata={**checkout.metadata, **_metadata(metadata)},
            is_paid=True,
            checkout_token=checkout.pk,
            billing_address=checkout.billing_address,
        )
        self.data.orders.append(order)
        return order

    def _checkout(self, checkout_id: str | None, token: str | None, caller: Caller) -> Checkout:
        if checkout_id is None and token is None:
            raise MutationError(
                None,
                "At least one of arguments is required: 'checkout_id', 'token', 'id'.",
                "GRAPHQL_ERROR",
            )
        pk = token or node_pk(checkout_id, "Checkout", "id")
        found = self.data.checkout(str(pk))
        if found is None:
            raise not_found("id" if checkout_id else "token", str(checkout_id or token))
        user = caller.requestor()
        foreign = found.user_pk is not None and (user is None or user.pk != found.user_pk)
        staff = caller.permissions & {"MANAGE_CHECKOUTS", "HANDLE_CHECKOUTS", "IMPERSONATE_USER"}
        if foreign and not staff:
            raise permission_denied("MANAGE_CHECKOUTS", "HANDLE_CHECKOUTS")
        return found

    def _currency(self, checkout: Checkout) -> str:
        channel = self.data.channel(checkout.channel)
        return channel.currency if channel else self.data.currency


def _address(given: dict[str, Any] | None, kind: str) -> dict[str, Any] | None:
    if given is None:
        return None
    if not given.get("country"):
        raise MutationError(
            f"{kind.lower()}Address", "This field is required.", "REQUIRED", {"addressType": kind}
        )
    return {**given, "pk": str(uuid.uuid4())}


def _metadata(items: list[dict[str, str]] | None) -> dict[str, str]:
    result: dict[str, str] = {}
    for item in items or []:
        if not item["key"].strip():
            raise MutationError("metadata", "Metadata key cannot be empty.", "REQUIRED")
        result[item["key"]] = item["value"]
    return result
