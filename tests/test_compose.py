"""compose.yaml against what our code reads: Docker does not run here, so this test is what
keeps the real stack's wiring honest — services, ports, dependencies, environment."""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from pydantic_settings import BaseSettings

from kernel import telemetry
from kernel.settings import (
    BillingSettings,
    CommonSettings,
    ControlPlaneSettings,
    ExecutionSettings,
)
from router.http.settings import RouterSettings
from subgraphs.registry import SUBGRAPHS
from webhooks.saleor.settings import WebhookSettings

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text())
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


@cache
def telemetry_variables() -> frozenset[str]:
    """The `OTEL_*` variables kernel/telemetry.py reads (every `cmp` process checks them at
    start, cmp/entry.py): the names its code spells, its docstrings (which also name variables
    only the SDK reads) left out."""
    tree = ast.parse(Path(telemetry.__file__).read_text())
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    return frozenset(
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and re.fullmatch(r"OTEL_[A-Z0-9_]+", node.value)
    )


def known_variables(settings: list[type[BaseSettings]]) -> set[str]:
    """What one of our processes reads: its settings classes and OpenTelemetry's variables."""
    return set().union(*(aliases(s) for s in settings)) | telemetry_variables()


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


def test_the_telemetry_variables_are_the_ones_its_code_reads() -> None:
    found = telemetry_variables()
    assert {"OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_SERVICE_NAME", "OTEL_SDK_DISABLED"} <= found
    # Named only in its docstring, read by the SDK itself: not among them.
    assert "OTEL_RESOURCE_ATTRIBUTES" not in found and "OTEL_TRACES_SAMPLER" not in found


@pytest.mark.parametrize("service", sorted(OUR_SERVICES))
def test_our_services_get_only_variables_our_code_reads(service: str) -> None:
    known = known_variables(OUR_SERVICES[service])
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


def interpolated(value: str, environ: dict[str, str]) -> str:
    """compose's `${NAME:-default}`, `${NAME:?error}` and `${NAME}`, against `environ`."""

    def one(match: re.Match[str]) -> str:
        name, operator, rest = match.group(1), match.group(2), match.group(3)
        if environ.get(name):
            return environ[name]
        if operator == ":-":
            return rest
        assert operator != ":?", f"{name} must be set"
        return ""

    return re.sub(r"\$\{(\w+)(?:(:[-?])([^}]*))?\}", one, value)


def test_tracing_is_off_unless_a_collector_is_named() -> None:
    for service in ("router", *SUBGRAPHS, "worker"):
        env = environment(service)
        assert "OTEL_EXPORTER_OTLP_ENDPOINT" in env, service
        secrets = {"CMP_SERVICE_TOKEN": "t", "SALEOR_SECRET_KEY": "k"}
        off = {k: interpolated(v, secrets) for k, v in env.items()}
        assert not telemetry.tracing_configured(off), service
        named = secrets | {"OTEL_EXPORTER_OTLP_ENDPOINT": "http://otel-collector:4318"}
        on = {k: interpolated(v, named) for k, v in env.items()}
        assert telemetry.tracing_configured(on), service
        assert telemetry.configuration_problem(on) is None


def test_the_worker_serves_its_metrics_inside_the_network() -> None:
    env = environment("worker")
    port = env["WORKER_HEALTH_PORT"]
    assert int(port) > 0 and env["WORKER_HEALTH_HOST"] == "0.0.0.0"
    assert SERVICES["worker"]["expose"] == [port] and "ports" not in SERVICES["worker"]
    # Probes and metrics are the worker's alone: the execution subgraph serves its own.
    assert "WORKER_HEALTH_PORT" not in environment("execution")


def test_the_router_enforces_the_storefronts_trusted_documents() -> None:
    from tests.test_dockerfile import assert_storefront_manifests_in_image

    secrets = {"CMP_SERVICE_TOKEN": "t"}
    env = {k: interpolated(v, secrets) for k, v in environment("router").items()}
    config = RouterSettings.model_validate(env).router_config()
    assert not config.allow_arbitrary_documents  # production: unlisted documents are refused
    assert_storefront_manifests_in_image(config.trusted_document_files)
    # The set-up's staff operations can open it for a while; by default it stays closed.
    opened = secrets | {"ROUTER_ALLOW_ARBITRARY_DOCUMENTS": "true"}
    env = {k: interpolated(v, opened) for k, v in environment("router").items()}
    assert RouterSettings.model_validate(env).router_config().allow_arbitrary_documents
