"""CMP_ENV is one typed setting, `development` or `production`, read the same way by the router,
the subgraphs, the worker and the webhook endpoint. Anything else — a typo, another case, an
empty value — stops the process at start with a one-line reason: it used to mean development
for the router (introspection and plans on) and production for the subgraphs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from cmp.cli import main
from kernel.environment import Environment
from kernel.settings import (
    BillingSettings,
    CommonSettings,
    ControlPlaneSettings,
    ExecutionSettings,
)
from router.http.settings import RouterSettings
from webhooks.saleor.settings import WebhookSettings

SETTINGS = [
    RouterSettings,
    CommonSettings,
    ControlPlaneSettings,
    BillingSettings,
    ExecutionSettings,
    WebhookSettings,
]
SUPERGRAPH = Path(__file__).resolve().parents[2] / "schema" / "supergraph.graphql"


@pytest.mark.parametrize("settings", SETTINGS)
@pytest.mark.parametrize("value", ["prod", "Production", "dev", "staging", ""])
def test_anything_but_the_two_environments_is_refused(
    monkeypatch: pytest.MonkeyPatch, settings: type[CommonSettings], value: str
) -> None:
    monkeypatch.setenv("CMP_ENV", value)
    with pytest.raises(ValidationError, match="'development' or 'production'"):
        settings()


@pytest.mark.parametrize("settings", SETTINGS)
def test_the_two_environments_mean_the_same_everywhere(
    monkeypatch: pytest.MonkeyPatch, settings: type[CommonSettings]
) -> None:
    monkeypatch.delenv("CMP_ENV", raising=False)
    assert settings().environment is Environment.DEVELOPMENT
    assert settings().is_development
    monkeypatch.setenv("CMP_ENV", "production")
    assert settings().environment is Environment.PRODUCTION
    assert not settings().is_development


@pytest.mark.parametrize(
    "command",
    [
        ["router", "--supergraph", str(SUPERGRAPH)],
        ["subgraph", "billing", "--port", "1"],
        ["worker"],
        ["token", "--email", "a@example.com"],
    ],
)
def test_cmp_stops_at_start_with_a_clear_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    monkeypatch.setenv("CMP_ENV", "prod")
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    monkeypatch.setattr(sys, "argv", ["cmp", *command])
    with pytest.raises(SystemExit) as exit:
        main()
    assert exit.value.code == 2
    error = capsys.readouterr().err
    assert error == (
        "cmp: bad configuration\n"
        "CMP_ENV: Input should be 'development' or 'production' (got 'prod')\n"
    )
