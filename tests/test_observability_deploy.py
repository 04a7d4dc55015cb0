"""deploy/observability: the Grafana dashboard and the Prometheus alert rules name only metrics
our code exports (a renamed metric breaks this test, not a dashboard in production), every
exported metric is on the dashboard, and the kustomization packs both files."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml
from prometheus_client import CollectorRegistry

from kernel.database import Database
from router.http.metrics import RouterMetrics
from router.pipeline import Router
from subgraphs.execution.metrics import WorkerMetrics
from tests.router.fixtures.compose import supergraph_path
from tests.support.kubernetes import kubectl
from webhooks.saleor.inbox import Inbox
from webhooks.saleor.metrics import InboxMetrics

DIRECTORY = Path(__file__).resolve().parent.parent / "deploy" / "observability"
METRIC = re.compile(r"\b((?:router|cmp)_[a-z0-9_]+)\b")
SUFFIXES = {"counter": ("_total",), "histogram": ("_bucket", "_count", "_sum"), "gauge": ("",)}


def _dashboard() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((DIRECTORY / "grafana-dashboard.json").read_text())
    return loaded


def _rules() -> list[dict[str, Any]]:
    groups = yaml.safe_load((DIRECTORY / "prometheus-rules.yaml").read_text())["groups"]
    return [rule for group in groups for rule in group["rules"]]


def _dashboard_expressions() -> list[str]:
    return [
        target["expr"] for panel in _dashboard()["panels"] for target in panel.get("targets", [])
    ]


def _exported() -> tuple[set[str], set[str]]:
    """(metric families, the series names Prometheus stores for them) of every process."""
    router = Router.from_sdl(supergraph_path("shop").read_text())
    registries: list[CollectorRegistry] = [RouterMetrics(lambda: router).registry]
    registries.append(WorkerMetrics().registry)
    inbox = CollectorRegistry()
    inbox.register(InboxMetrics(Inbox(Database("postgresql://nobody@127.0.0.1/none"))))
    registries.append(inbox)
    families: set[str] = set()
    series: set[str] = set()
    for registry in registries:
        for family in registry.collect():
            families.add(family.name)
            series.update(family.name + suffix for suffix in SUFFIXES[family.type])
    return families, series


def test_dashboards_and_rules_name_only_exported_metrics() -> None:
    _, series = _exported()
    expressions = _dashboard_expressions() + [rule["expr"] for rule in _rules()]
    for variable in _dashboard()["templating"]["list"]:
        if variable.get("definition"):
            expressions.append(variable["definition"])
    referenced = {name for expression in expressions for name in METRIC.findall(expression)}
    assert referenced, "no metric found in the dashboard or the rules"
    unknown = referenced - series
    assert not unknown, f"not exported by our code: {sorted(unknown)}"


def test_every_exported_metric_is_on_the_dashboard() -> None:
    families, _ = _exported()
    shown = " ".join(_dashboard_expressions())
    missing = {family for family in families if family not in shown}
    assert not missing, f"exported but on no panel: {sorted(missing)}"


def test_rules_are_alerts_with_a_duration_and_a_summary() -> None:
    rules = _rules()
    assert len(rules) >= 8
    names = [rule["alert"] for rule in rules]
    assert len(names) == len(set(names))
    for rule in rules:
        assert re.fullmatch(r"\d+[smh]", rule["for"]), rule
        assert rule["labels"]["severity"] in {"page", "ticket"}, rule
        assert rule["annotations"]["summary"], rule


def test_the_kustomization_packs_the_dashboard_and_the_rules() -> None:
    kustomization = yaml.safe_load((DIRECTORY / "kustomization.yaml").read_text())
    files = [
        entry.split("=", 1)[1]
        for generator in kustomization["configMapGenerator"]
        for entry in generator["files"]
    ]
    assert sorted(files) == ["grafana-dashboard.json", "prometheus-rules.yaml"]
    dashboards = next(
        g for g in kustomization["configMapGenerator"] if g["name"] == "cmp-grafana-dashboards"
    )
    assert dashboards["options"]["labels"] == {"grafana_dashboard": "1"}


@pytest.mark.skipif(kubectl() is None, reason="kubectl renders the kustomization")
def test_the_kustomization_renders_valid_config_maps_holding_the_files() -> None:
    command = kubectl()
    assert command is not None
    out = subprocess.run(
        [command, "kustomize", str(DIRECTORY)],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    maps = {doc["metadata"]["name"]: doc for doc in yaml.safe_load_all(out) if doc}
    assert set(maps) == {"cmp-grafana-dashboards", "cmp-prometheus-rules"}
    for doc in maps.values():
        kubernetes_validate.validate(doc, kubernetes_validate.latest_version(), strict=True)
    dashboard = maps["cmp-grafana-dashboards"]
    assert dashboard["metadata"]["labels"] == {"grafana_dashboard": "1"}
    assert json.loads(dashboard["data"]["cmp-supergraph.json"]) == _dashboard()
    rules = yaml.safe_load(maps["cmp-prometheus-rules"]["data"]["cmp.rules.yaml"])
    assert [r for g in rules["groups"] for r in g["rules"]] == _rules()
