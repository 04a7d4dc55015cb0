"""The price list `cmp saleor sync` reads: what each plan and credit pack costs in a channel.
Our offerings carry no prices (Saleor owns money), so they come from a TOML file:

    channel = "default-channel"        # optional; this is the default

    [offerings.summarizer.plans]       # one price per plan code of the offering
    basic = "9.00"
    pro = "29.00"

    [[offerings.summarizer.credit_packs]]
    credits = 1000
    price = "10.00"
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from cmp.saleor.client import SetupError

DEFAULT_CHANNEL = "default-channel"


@dataclass(frozen=True)
class CreditPack:
    credits: int
    price: Decimal


@dataclass(frozen=True)
class OfferingPrices:
    plans: dict[str, Decimal]
    credit_packs: list[CreditPack] = field(default_factory=list)


@dataclass(frozen=True)
class PriceList:
    offerings: dict[str, OfferingPrices]
    channel: str = DEFAULT_CHANNEL


def _price(value: Any, where: str) -> Decimal:
    try:
        price = Decimal(str(value))
    except InvalidOperation as error:
        raise SetupError(f"{where}: {value!r} is not a price") from error
    if not price.is_finite() or price <= 0 or price.as_tuple().exponent < -2:  # type: ignore[operator]
        raise SetupError(f"{where}: a price is positive with at most two decimals, not {value!r}")
    return price


def parse_prices(text: str, source: str = "price list") -> PriceList:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SetupError(f"{source}: {error}") from error
    channel = data.get("channel", DEFAULT_CHANNEL)
    if not isinstance(channel, str) or not channel:
        raise SetupError(f"{source}: `channel` is a channel slug")
    offerings: dict[str, OfferingPrices] = {}
    entries = data.get("offerings")
    if not isinstance(entries, dict) or not entries:
        raise SetupError(f"{source}: expected [offerings.<slug>.plans] tables")
    for slug, entry in entries.items():
        where = f"{source}: offerings.{slug}"
        plans = entry.get("plans") if isinstance(entry, dict) else None
        if not isinstance(plans, dict) or not plans:
            raise SetupError(f"{where}.plans: one price per plan code")
        packs = []
        for i, pack in enumerate(entry.get("credit_packs") or []):
            credits = pack.get("credits") if isinstance(pack, dict) else None
            if not isinstance(credits, int) or isinstance(credits, bool) or credits <= 0:
                raise SetupError(f"{where}.credit_packs[{i}].credits: a positive whole number")
            packs.append(
                CreditPack(credits, _price(pack.get("price"), f"{where}.credit_packs[{i}]"))
            )
        if len({p.credits for p in packs}) != len(packs):
            raise SetupError(f"{where}.credit_packs: one pack per number of credits")
        offerings[slug] = OfferingPrices(
            {code: _price(price, f"{where}.plans.{code}") for code, price in plans.items()}, packs
        )
    return PriceList(offerings, channel)


def load_prices(path: Path) -> PriceList:
    try:
        text = path.read_text()
    except OSError as error:
        raise SetupError(f"cannot read {path}: {error}") from error
    return parse_prices(text, str(path))
