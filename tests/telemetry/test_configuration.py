"""Tracing is configured by OpenTelemetry's own variables, off unless they name somewhere to send
spans; a wrong exporter name is refused in one line before anything starts."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from kernel.telemetry import configuration_problem, tracing_configured


@pytest.mark.parametrize(
    ("environment", "on"),
    [
        ({}, False),
        ({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"}, True),
        ({"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://collector:4318/v1/traces"}, True),
        ({"OTEL_EXPORTER_OTLP_ENDPOINT": " "}, False),
        ({"OTEL_TRACES_EXPORTER": "console"}, True),
        ({"OTEL_TRACES_EXPORTER": "none", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4318"}, False),
        ({"OTEL_SDK_DISABLED": "true", "OTEL_TRACES_EXPORTER": "otlp"}, False),
        ({"OTEL_SERVICE_NAME": "router"}, False),  # naming is not configuring an exporter
    ],
)
def test_tracing_is_on_only_when_an_exporter_is_configured(
    environment: dict[str, str], on: bool
) -> None:
    assert tracing_configured(environment) is on


def test_an_unknown_exporter_is_refused_in_one_line() -> None:
    assert configuration_problem({"OTEL_TRACES_EXPORTER": "otlp,console"}) is None
    assert configuration_problem({"OTEL_EXPORTER_OTLP_PROTOCOL": "http/protobuf"}) is None
    assert configuration_problem({"OTEL_EXPORTER_OTLP_PROTOCOL": "grpc"}) == (
        "OTEL_EXPORTER_OTLP_PROTOCOL: grpc is not supported; use http/protobuf (port 4318)"
    )
    assert configuration_problem({"OTEL_TRACES_EXPORTER": "jaeger"}) == (
        "OTEL_TRACES_EXPORTER: jaeger is not one of otlp, console, none (traces go over OTLP/HTTP)"
    )
    refused = subprocess.run(
        [sys.executable, "-m", "cmp.cli", "token", "--email", "a@example.com"],
        capture_output=True,
        text=True,
        env={**os.environ, "OTEL_TRACES_EXPORTER": "jaeger"},
    )
    assert refused.returncode == 2
    assert refused.stderr.splitlines() == [
        "cmp: bad configuration",
        "OTEL_TRACES_EXPORTER: jaeger is not one of otlp, console, none (traces go over OTLP/HTTP)",
    ]
