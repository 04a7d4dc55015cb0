"""Which progressive-override labels are on for one request: custom labels from configuration,
`percent(n)` labels rolled per request (n% of requests use the overriding subgraph)."""

from __future__ import annotations

import random
import re

_PERCENT = re.compile(r"^percent\((\d+(?:\.\d+)?)\)$")


class OverrideLabels:
    def __init__(
        self,
        known: frozenset[str],
        enabled: frozenset[str] = frozenset(),
        rng: random.Random | None = None,
    ) -> None:
        self.enabled = enabled & known
        self.percentages = {
            label: float(match[1]) for label in known if (match := _PERCENT.match(label))
        }
        self._random = rng or random.Random()  # noqa: S311 - traffic splitting, not security

    def for_request(self) -> frozenset[str]:
        rolled = {
            label
            for label, percent in self.percentages.items()
            if self._random.random() * 100 < percent
        }
        return self.enabled | rolled
