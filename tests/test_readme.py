"""The README's configuration table documents every setting our code reads."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic_settings import BaseSettings

from kernel.settings import BillingSettings, ControlPlaneSettings, ExecutionSettings
from router.http.settings import RouterSettings
from webhooks.saleor.settings import WebhookSettings

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()
TABLE = README[README.index("## Configuration") : README.index("## Commands")]


@pytest.mark.parametrize(
    "settings",
    [RouterSettings, ControlPlaneSettings, BillingSettings, ExecutionSettings, WebhookSettings],
)
def test_every_setting_is_in_the_configuration_table(settings: type[BaseSettings]) -> None:
    names = {field.alias for field in settings.model_fields.values() if field.alias}
    missing = sorted(name for name in names if f"| `{name}`" not in TABLE)
    assert missing == []
