"""Which users a caller may see, as Saleor 3.22 decides in saleor/graphql/account/resolvers.py:
`resolve_users` for `_entities`, `resolve_user` for the `user` query. A user's email (and the
rest of the User) is shown to the user themselves, or to staff and apps whose permissions
cover that kind of user; to anyone else the user is null (`_entities`) or the field is
PermissionDenied (`user`)."""

from __future__ import annotations

from tests.fakes.saleor.caller import Caller, permission_denied
from tests.fakes.saleor.data import SaleorData, User

MANAGE_STAFF = "MANAGE_STAFF"
MANAGE_USERS = "MANAGE_USERS"
MANAGE_ORDERS = "MANAGE_ORDERS"


def _is_customer(data: SaleorData, user: User) -> bool:
    """UserManager.customers(): not staff, or staff who have placed an order."""
    return not user.is_staff or any(order.user_pk == user.pk for order in data.orders)


def _covered(
    permissions: frozenset[str], data: SaleorData, user: User, customers: set[str]
) -> bool:
    """MANAGE_STAFF covers staff, `customers` permissions cover customers, both cover all."""
    if MANAGE_STAFF in permissions and MANAGE_USERS in permissions:
        return True
    if MANAGE_STAFF in permissions:
        return user.is_staff
    if permissions & customers:
        return _is_customer(data, user)
    return False


def entity_visible(caller: Caller, data: SaleorData, user: User) -> bool:
    """`_entities` for User (resolve_users): without a permission that covers the user, only
    the signed-in user themselves. (Saleor compares an app's own id with the user's there;
    the fake shows such an app nobody rather than reproduce that accident.)"""
    if _covered(caller.permissions, data, user, {MANAGE_USERS}):
        return True
    requestor = caller.requestor() if caller.app is None else None
    return requestor is not None and requestor.pk == user.pk


def require_lookup(caller: Caller, data: SaleorData, user: User | None) -> User | None:
    """The `user(id|email)` query (resolve_user): PermissionDenied without MANAGE_STAFF,
    MANAGE_USERS or MANAGE_ORDERS — even for oneself — and null for a user not covered."""
    permissions = caller.permissions
    if not permissions & {MANAGE_STAFF, MANAGE_USERS, MANAGE_ORDERS}:
        raise permission_denied(MANAGE_STAFF, MANAGE_USERS, MANAGE_ORDERS)
    if user is None or not _covered(permissions, data, user, {MANAGE_USERS, MANAGE_ORDERS}):
        return None
    return user
