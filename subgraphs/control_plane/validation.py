"""Input rules shared by control-plane's mutations; each failure names the field."""

from __future__ import annotations

import re
import unicodedata

from subgraphs.common.errors import invalid

SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$")
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,49}$")
# "<component id>.<field>": Langflow component ids ("OpenAIModel-x1Yz2") and field names
# ("temperature") have no dots or spaces, so exactly one dot separates them.
TWEAK = re.compile(r"^[^.\s]{1,150}\.[^.\s]{1,49}$")
MAX_TWEAKS = 100
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


def clean_allowed_tweaks(values: list[str], field: str = "allowedTweaks") -> list[str]:
    if len(values) > MAX_TWEAKS:
        raise invalid(f"at most {MAX_TWEAKS} tweakable fields", field=field)
    cleaned: list[str] = []
    for index, value in enumerate(values):
        entry = value.strip()
        if not TWEAK.match(entry) or not entry.isprintable():
            raise invalid(
                f'{field} entries are "<component id>.<field>", got {value[:60]!r}',
                field=f"{field}.{index}",
            )
        if entry not in cleaned:
            cleaned.append(entry)
    return cleaned
