"""What a run's input may hold (contract v2, Runs): `input_value` (text or JSON) and, optionally,
`input_type` / `output_type` among the values Langflow accepts, and `tweaks` to the component
fields the offering's `allowedTweaks` names. Anything else is refused before the run is stored:
Langflow answers 200 to a body it cannot validate and runs the flow on its defaults, and a tweak
would let a customer change the operator's flow (prompt, model, endpoints).
"""

from __future__ import annotations

import json
from collections.abc import Set
from typing import Any

# The values Langflow accepts: `InputType` and `OutputType` in
# src/lfx/src/lfx/schema/schema.py (langflow-ai/langflow), the types of `input_type` and
# `output_type` in `SimplifiedAPIRequest` (src/backend/base/langflow/api/v1/schemas.py).
# Langflow's OutputType also has "debug"; it is refused on purpose, because it returns the
# result of every component of the flow, the operator's prompt included.
INPUT_TYPES = ("chat", "text", "any")
OUTPUT_TYPES = ("chat", "text", "any")
DEFAULT_TYPE = "chat"
KEYS = ("input_value", "input_type", "output_type", "tweaks")
MAX_NAME = 60  # how much of a customer's unknown key an error message repeats


class InputRefused(ValueError):
    """The input is not what a run may hold; `field` is the path inside RunStartInput."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _name(value: str) -> str:
    return repr(value[:MAX_NAME])


def check_shape(run_input: Any) -> dict[str, Any]:
    """The input's shape, independent of the offering; returns it unchanged when it is valid."""
    if not isinstance(run_input, dict):
        raise InputRefused(
            "input must be an object: {input_value, input_type?, output_type?, tweaks?}", "input"
        )
    for key in run_input:
        if key not in KEYS:
            raise InputRefused(
                f"input may not hold {_name(key)}: only {', '.join(KEYS)}", f"input.{key}"
            )
    if run_input.get("input_value") is None:
        raise InputRefused("input.input_value is required (text or JSON)", "input.input_value")
    for key, accepted in (("input_type", INPUT_TYPES), ("output_type", OUTPUT_TYPES)):
        if key in run_input and run_input[key] not in accepted:
            raise InputRefused(f"input.{key} must be one of {', '.join(accepted)}", f"input.{key}")
    tweaks = run_input.get("tweaks", {})
    if not isinstance(tweaks, dict):
        raise InputRefused(
            "input.tweaks must be an object: {<component id>: {<field>: value}}", "input.tweaks"
        )
    for component, fields in tweaks.items():
        if not isinstance(fields, dict):
            raise InputRefused(
                f"input.tweaks.{component[:MAX_NAME]} must be an object of fields",
                f"input.tweaks.{component[:MAX_NAME]}",
            )
    return run_input


def check_tweaks(run_input: dict[str, Any], allowed: Set[str]) -> None:
    """Every tweaked component field must be named in the offering's `allowedTweaks`."""
    for component, fields in run_input.get("tweaks", {}).items():
        for field in fields:
            if f"{component}.{field}" not in allowed:
                where = f"{component[:MAX_NAME]}.{field[:MAX_NAME]}"
                raise InputRefused(
                    f"this offering does not allow the tweak {where}", f"input.tweaks.{where}"
                )


def input_text(value: Any) -> str:
    """Langflow's `input_value` is a string: JSON input is sent as its JSON text."""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
