"""Input rules shared by control-plane's mutations; each failure names the field."""

from __future__ import annotations

import re
import unicodedata

from subgraphs.common.errors import invalid

SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$")
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,49}$")
MAX_CREDITS = 1_000_000_000


def clean_text(value: str, field: str, max_length: int = 100) -> str:
    cleaned = value.strip()
    if not cleaned:
        raise invalid(f"{field} must not be empty", field=field)
    if len(cleaned) > max_length:
        raise invalid(f"{field} must be at most {max_length} characters", field=field)
    return cleaned


def clean_slug(value: str, field: str = "slug") -> str:
    if not SLUG.match(value):
        raise invalid(
            f"{field} must be 1-50 lowercase letters, digits or dashes, "
            "starting and ending with a letter or digit",
            field=field,
        )
    return value


def slugify(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40].strip("-")
    return slug or "org"


def clean_code(value: str, field: str = "code") -> str:
    if not CODE.match(value):
        raise invalid(f"{field} must be 1-50 letters, digits, '_' or '-'", field=field)
    return value


def clean_credits(value: int, field: str, allow_zero: bool = True) -> int:
    low = 0 if allow_zero else 1
    if value < low or value > MAX_CREDITS:
        raise invalid(f"{field} must be between {low} and {MAX_CREDITS}", field=field)
    return value


def clean_external_id(value: str, field: str) -> str:
    """A Saleor id: opaque to us, but bounded and printable."""
    cleaned = value.strip()
    if not cleaned or len(cleaned) > 200 or not cleaned.isprintable():
        raise invalid(f"{field} is not a valid id", field=field)
    return cleaned
