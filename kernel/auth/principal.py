"""Who is calling: an anonymous visitor, a signed-in user, or another service of ours."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class PrincipalKind(Enum):
    ANONYMOUS = "anonymous"
    USER = "user"
    SERVICE = "service"


@dataclass(frozen=True, slots=True)
class Principal:
    kind: PrincipalKind
    user_id: str | None = None  # Saleor `User` id (its `user_id` claim)
    email: str | None = None
    is_staff: bool = False
    # Why a presented token was refused; reported when a field needs a signed-in caller.
    auth_error: str | None = None

    @property
    def is_service(self) -> bool:
        return self.kind is PrincipalKind.SERVICE

    @property
    def is_privileged(self) -> bool:
        """Staff and services see every organization."""
        return self.is_staff or self.is_service

    @property
    def is_authenticated(self) -> bool:
        return self.kind is not PrincipalKind.ANONYMOUS


ANONYMOUS = Principal(PrincipalKind.ANONYMOUS)
SERVICE = Principal(PrincipalKind.SERVICE, is_staff=True)


def anonymous_because(reason: str) -> Principal:
    return Principal(PrincipalKind.ANONYMOUS, auth_error=reason)
