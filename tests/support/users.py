"""Test identities: fresh users per test, so tests never depend on each other's data."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from kernel.auth.dev_issuer import DevIssuer, saleor_style_user_id


@dataclass(frozen=True)
class TestUser:
    __test__ = False  # a helper, not a test class

    email: str
    token: str

    @property
    def user_id(self) -> str:
        return saleor_style_user_id(self.email)


def new_user(issuer: DevIssuer, name: str = "user", staff: bool = False) -> TestUser:
    email = f"{name}-{uuid.uuid4().hex[:10]}@example.com"
    return TestUser(email=email, token=issuer.token(email, is_staff=staff))
