"""Optional arguments default to UNSET rather than None, so the SDL shows `after: String`
(as the contract does) instead of `after: String = null`; `opt` reads them back as None."""

from __future__ import annotations

from typing import TypeVar

from strawberry import UNSET

T = TypeVar("T")

OMITTED = UNSET


def opt(value: T | None) -> T | None:
    return None if value is UNSET else value
