"""compose.yaml against what our code reads: Docker does not run here, so this test is what
keeps the real stack's wiring honest — services, ports, dependencies, environment."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from pydantic_settings import BaseSettings

from kernel.settings import (
    BillingSettings,
    CommonSettings,
    ControlPlaneSettings,
    ExecutionSettings,
)
from router.http.settings import RouterSettings
from subgraphs.registry import SUBGRAPHS
from webhooks.saleor.settings import WebhookSettings

COMPOSE = yaml.safe_load((Path(__file__).resolve().parent.parent / "compose.yaml").read_text())
SERVICES: dict[str, Any] = COMPOSE["services"]

# Which settings classes each of our services reads its environment with.
OUR_SERVICES: dict[str, list[type[BaseSettings]]] = {
    "migrate": [CommonSettings],
    "control-plane": [ControlPlaneSettings],
    "billing": [BillingSettings],
    "execution": [ExecutionSettings],
    "worker": [ExecutionSettings],
    "router": [RouterSettings, WebhookSettings],
}


def aliases(settings: type[BaseSettings]) -> set[str]:
    return {field.alias or name.upper() for name, field in settings.model_fields.items()}


def environment(service: str) -> dict[str, str]:
    env = SERVICES[service].get("environment") or {}
    return {key: str(value) for key, value in env.items()}


def test_every_service_of_the_stack_is_there() -> None:
    expected = {
        "postgres",
        "valkey",
        "saleor-migrate",
        "saleor-api",
        "saleor-worker",
        "saleor-dashboard",
        "migrate",
        "control-plane",
        "billing",
        "execution",
        "worker",
        "router",
        "langflow",
    }
    assert expected <= set(SERVICES)


def test_dependencies_name_existing_services() -> None:
    for name, service in SERVICES.items():
        for dependency in service.get("depends_on") or {}:
            assert dependency in SERVICES, f"{name} depends on unknown {dependency}"


@pytest.mark.parametrize("name", sorted(SUBGRAPHS))
def test_subgraph_services_serve_their_port(name: str) -> None:
    service = SERVICES[name]
    command = service["command"]
    assert command[:3] == ["cmp", "subgraph", name]
    port = int(command[command.index("--port") + 1])
    assert port == SUBGRAPHS[name].default_port
    # Subgraphs trust the service credential: they stay on the internal network.
    assert "ports" not in service
    assert str(port) in service["expose"]
    assert command[command.index("--host") + 1] == "0.0.0.0"


@pytest.mark.parametrize("service", sorted(OUR_SERVICES))
def test_our_services_get_only_variables_our_code_reads(service: str) -> None:
    known = set().union(*(aliases(s) for s in OUR_SERVICES[service]))
    env = environment(service)
    unknown = set(env) - known
    assert not unknown, f"{service} sets variables nothing reads: {sorted(unknown)}"
    assert env["CMP_ENV"] == "production"
    assert env["DATABASE_URL"].startswith("postgresql://")
    assert "CMP_SERVICE_TOKEN" in env


@pytest.mark.parametrize("service", sorted(OUR_SERVICES))
def test_service_urls_point_at_the_right_service_and_port(service: str) -> None:
    targets = {
        "CONTROL_PLANE_URL": ("control-plane", 4001, "/graphql"),
        "BILLING_URL": ("billing", 4002, "/graphql"),
        "SALEOR_API_URL": ("saleor-api", 8000, "/graphql/"),
        "CMP_SUPERGRAPH_URL": ("router", 4000, "/graphql"),
        "LANGFLOW_URL": ("langflow", 7860, ""),
    }
    for variable, value in environment(service).items():
        if variable not in targets:
            continue
        host, port, path = targets[variable]
        url = urlsplit(value)
        assert (url.hostname, url.port, url.path) == (host, port, path), (service, variable)
        assert host in SERVICES


def test_only_the_router_is_published_of_ours() -> None:
    published = {name for name in OUR_SERVICES if SERVICES[name].get("ports")}
    assert published == {"router"}
    assert SERVICES["router"]["ports"] == ["4000:4000"]


def test_router_reaches_every_subgraph_by_service_name() -> None:
    pairs = dict(
        item.split("=", 1) for item in environment("router")["ROUTER_SUBGRAPH_URLS"].split(",")
    )
    for name, url in pairs.items():
        parts = urlsplit(url)
        assert parts.hostname == name
        assert parts.port == SUBGRAPHS[name].default_port
    assert set(pairs) == set(SUBGRAPHS)  # Saleor comes from SALEOR_API_URL
    command = SERVICES["router"]["command"]
    assert command[:4] == ["cmp", "router", "--supergraph", "schema/supergraph.graphql"]


def test_services_that_call_others_are_told_where() -> None:
    assert "BILLING_URL" in environment("control-plane")
    assert "CONTROL_PLANE_URL" in environment("billing")
    for service in ("execution", "worker"):
        assert {"CONTROL_PLANE_URL", "BILLING_URL", "LANGFLOW_URL"} <= set(environment(service))
    assert "CMP_SUPERGRAPH_URL" in environment("router")


def test_saleor_services_share_its_configuration() -> None:
    for service in ("saleor-migrate", "saleor-api", "saleor-worker"):
        env = environment(service)
        assert env["DATABASE_URL"].endswith("/saleor")
        assert env["CELERY_BROKER_URL"].startswith("redis://valkey:")
        assert "RSA_PRIVATE_KEY" in env
    assert SERVICES["saleor-api"]["ports"] == ["8000:8000"]
