"""deploy/kubernetes against the Kubernetes schemas and against what our code reads: no cluster
runs here, so every overlay is rendered with `kubectl kustomize` and checked object by object —
schemas (offline), images, probes, resources, security, graceful shutdown, scaling, network
policies, configuration and secrets."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema
import kubernetes_validate
import pytest
import typer.main
from pydantic_settings import BaseSettings

from cmp.cli import app as cmp_app
from cmp.serving import GRACEFUL_SHUTDOWN_SECONDS
from kernel import telemetry
from kernel.settings import (
    BillingSettings,
    CommonSettings,
    ControlPlaneSettings,
    ExecutionSettings,
)
from router.http.settings import RouterSettings
from subgraphs.registry import SUBGRAPHS
from tests.support.kubernetes import (
    COMPONENTS,
    KUBERNETES,
    OVERLAYS,
    Doc,
    Manifests,
    Peer,
    containers,
    ingress_allowed,
    kubectl,
    manifests,
    render_with,
)
from tests.test_compose import known_variables  # what our processes read, as for compose
from tests.test_dockerfile import assert_storefront_manifests_in_image, worker_metrics_port
from webhooks.saleor.endpoint import PATH as WEBHOOK_PATH
from webhooks.saleor.settings import WebhookSettings

pytestmark = pytest.mark.skipif(kubectl() is None, reason="kubectl renders the overlays")

OUR_IMAGE = "cmp"  # the base's name for our image; overlays set registry and tag
# Which settings classes each of our workloads reads its environment with.
OUR_WORKLOADS: dict[str, list[type[BaseSettings]]] = {
    "cmp-migrate": [CommonSettings],
    "control-plane": [ControlPlaneSettings],
    "billing": [BillingSettings],
    "execution": [ExecutionSettings],
    "worker": [ExecutionSettings],
    "router": [RouterSettings, WebhookSettings],
}
# Oldest and newest Kubernetes the manifests are checked against.
KUBERNETES_VERSIONS = ("1.30", kubernetes_validate.latest_version())
CRD_SCHEMAS = KUBERNETES / "crd-schemas"
PRESTOP_SLEEP = ["sleep", "5"]
# Connections kept for Saleor, Langflow and PostgreSQL's own (replication, operator, superuser).
RESERVED_CONNECTIONS = 100
# Where Prometheus runs (kube-prometheus-stack's standard namespace, as deploy/observability).
PROMETHEUS_NAMESPACE = "monitoring"
# Our long-running processes: the ones that trace, given the OTEL_* variables.
TRACED = ["router", *sorted(SUBGRAPHS), "worker"]
# Each overlay, and production with the optional tracing component as an operator enables it:
# everything below holds for all of them.
RENDERINGS = [*OVERLAYS, "production+tracing"]


def rendering(name: str) -> Manifests:
    overlay, _, component = name.partition("+")
    return Manifests(render_with(overlay, component)) if component else manifests(overlay)


@pytest.fixture(scope="module", params=RENDERINGS)
def rendered(request: pytest.FixtureRequest) -> Manifests:
    return rendering(request.param)


def our_container(m: Manifests, kind: str, name: str) -> Doc:
    (container,) = m.pod_spec(kind, name)["containers"]
    found: Doc = container
    return found


def is_ours(container: Doc, m: Manifests) -> bool:
    return bool(container["image"].rpartition(":")[0] == our_image(m).rpartition(":")[0])


def our_image(m: Manifests) -> str:
    image: str = our_container(m, "Deployment", "router")["image"]
    return image


# ---------------------------------------------------------------------- schemas


def test_there_are_dev_and_production_overlays() -> None:
    assert {"dev", "production"} <= set(OVERLAYS)
    assert "tracing" in COMPONENTS


@cache
def crd_schema(kind: str, api_version: str) -> dict[str, Any]:
    group, version = api_version.split("/")
    path = CRD_SCHEMAS / f"{kind.lower()}-{group}-{version}.json"
    schema: dict[str, Any] = json.loads(path.read_text())
    strict_schema: dict[str, Any] = strict(schema)
    return strict_schema


def strict(node: Any) -> Any:
    """An operator's CRD schema that refuses unknown fields, as the API server's strict field
    validation (kubectl's default) does."""
    if isinstance(node, dict):
        node = {key: strict(value) for key, value in node.items()}
        if (
            "properties" in node
            and "additionalProperties" not in node
            and not node.get("x-kubernetes-preserve-unknown-fields")
        ):
            node["additionalProperties"] = False
        return node
    if isinstance(node, list):
        return [strict(item) for item in node]
    return node


def test_every_object_validates_against_its_schema(rendered: Manifests) -> None:
    checked = set()
    for doc in rendered.docs:
        kind, api_version = doc["kind"], doc["apiVersion"]
        if api_version.split("/")[0].endswith((".cnpg.io", "keda.sh")):
            jsonschema.validate(doc, crd_schema(kind, api_version))
        else:
            for version in KUBERNETES_VERSIONS:
                kubernetes_validate.validate(doc, version, strict=True)
        checked.add(kind)
    assert {"Deployment", "Service", "Ingress", "NetworkPolicy", "Job", "Cluster"} <= checked


def test_schemas_catch_mistakes(rendered: Manifests) -> None:
    """The validation above can fail: a misspelt field is refused by both kinds of schema."""
    deployment = json.loads(json.dumps(rendered.get("Deployment", "router")))
    deployment["spec"]["template"]["spec"]["containers"][0]["livenessprobe"] = {}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, KUBERNETES_VERSIONS[0], strict=True)
    cluster = json.loads(json.dumps(rendered.get("Cluster", "cmp-postgres")))
    cluster["spec"]["instancess"] = 3
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(cluster, crd_schema("Cluster", cluster["apiVersion"]))


# ---------------------------------------------------------------------- the stack


def test_every_part_of_the_stack_is_there(rendered: Manifests) -> None:
    for name in ["router", *SUBGRAPHS, "worker", "saleor-api", "saleor-worker"]:
        assert rendered.has("Deployment", name), name
    for name in ["saleor-dashboard", "langflow"]:
        assert rendered.has("Deployment", name), name
    assert rendered.has("StatefulSet", "valkey")
    assert rendered.has("Job", "cmp-migrate") and rendered.has("Job", "saleor-migrate")
    for name in ["router", *SUBGRAPHS, "saleor-api", "saleor-dashboard", "valkey", "langflow"]:
        assert rendered.has("Service", name), name
    cluster = rendered.get("Cluster", "cmp-postgres")
    assert re.search(r":16\.\d+", cluster["spec"]["imageName"]), "PostgreSQL 16.x"
    assert {d["spec"]["name"] for d in rendered.of_kind("Database")} == {"saleor", "langflow"}
    assert rendered.namespace.startswith("cmp")
    for doc in rendered.docs:
        if doc["kind"] != "Namespace":
            assert doc["metadata"]["namespace"] == rendered.namespace, doc["metadata"]["name"]


@pytest.mark.parametrize("name", sorted(SUBGRAPHS))
def test_subgraphs_serve_their_port_behind_a_service(rendered: Manifests, name: str) -> None:
    port = SUBGRAPHS[name].default_port
    command = our_container(rendered, "Deployment", name)["command"]
    assert command == ["cmp", "subgraph", name, "--host", "0.0.0.0", "--port", str(port)]
    service = rendered.get("Service", name)
    assert [p["port"] for p in service["spec"]["ports"]] == [port]
    assert service["spec"].get("type", "ClusterIP") == "ClusterIP"


def test_our_commands_exist(rendered: Manifests) -> None:
    commands = typer.main.get_command(cmp_app).commands  # type: ignore[attr-defined]
    for workload in rendered.workloads():
        for container in containers(workload["spec"]["template"]["spec"]):
            if is_ours(container, rendered):
                assert container["command"][0] == "cmp"
                assert container["command"][1] in commands, container["command"]
    router = our_container(rendered, "Deployment", "router")["command"]
    assert router[:4] == ["cmp", "router", "--supergraph", "schema/supergraph.graphql"]
    assert (KUBERNETES.parent.parent / "schema" / "supergraph.graphql").is_file()


def test_services_select_pods_and_ports_that_exist(rendered: Manifests) -> None:
    templates = [w["spec"]["template"] for w in rendered.workloads()]
    for service in rendered.of_kind("Service"):
        selector = service["spec"]["selector"]
        matching = [
            t
            for t in templates
            if all(t["metadata"]["labels"].get(k) == v for k, v in selector.items())
        ]
        assert matching, f"Service {service['metadata']['name']} selects no pod"
        named_ports = {
            p["name"] for t in matching for c in t["spec"]["containers"] for p in c["ports"]
        }
        for port in service["spec"]["ports"]:
            assert port["targetPort"] in named_ports


def test_the_ingress_leads_to_the_router_and_saleor_only(rendered: Manifests) -> None:
    (ingress,) = rendered.of_kind("Ingress")
    backends = {
        path["backend"]["service"]["name"]
        for rule in ingress["spec"]["rules"]
        for path in rule["http"]["paths"]
    }
    assert backends == {"router", "saleor-api", "saleor-dashboard"}


def ingress_backend(ingress: Doc, host: str, path: str) -> str | None:
    """The Service an Ingress sends `path` on `host` to (Exact, and Prefix by whole path
    segments, the longest first), as the Ingress specification defines."""
    (rule,) = [r for r in ingress["spec"]["rules"] if r["host"] == host]
    best: tuple[int, str] | None = None
    for item in rule["http"]["paths"]:
        wanted, kind = item["path"], item["pathType"]
        if kind == "Exact":
            matched = path == wanted
        else:
            prefix = wanted.rstrip("/")
            matched = path == prefix or path.startswith(prefix + "/") or not prefix
        if matched and (best is None or len(wanted) > best[0]):
            best = (len(wanted), item["backend"]["service"]["name"])
    return None if best is None else best[1]


def test_only_the_routers_api_is_public(rendered: Manifests) -> None:
    """/metrics names every operation clients send, and /health and /ready are for the
    kubelet: the Ingress routes the API only."""
    (ingress,) = rendered.of_kind("Ingress")
    (host,) = [
        r["host"]
        for r in ingress["spec"]["rules"]
        if any(p["backend"]["service"]["name"] == "router" for p in r["http"]["paths"])
    ]
    for path in ("/graphql", WEBHOOK_PATH, "/playground/graphiql.min.js"):
        assert ingress_backend(ingress, host, path) == "router", path
    for path in ("/metrics", "/health", "/ready", "/", "/graphqlx", "/webhooks/saleor/x"):
        assert ingress_backend(ingress, host, path) is None, path


# ---------------------------------------------------------------------- every workload


def test_images_are_pinned(rendered: Manifests) -> None:
    for workload in rendered.workloads():
        for container in containers(workload["spec"]["template"]["spec"]):
            image = container["image"]
            name, _, tag = image.rpartition(":")
            assert name and tag and "/" not in tag, f"{image} has no tag"
            assert tag != "latest" and "@" not in name
            if is_ours(container, rendered):
                continue
            # Third-party images: an exact release, not a moving major/minor tag.
            assert re.fullmatch(r"\d+\.\d+\.\d+(-[\w.]+)?", tag), image
    assert not our_image(rendered).startswith(f"{OUR_IMAGE}:latest")


def test_our_image_comes_from_the_overlay(rendered: Manifests) -> None:
    image = our_image(rendered)
    assert image != OUR_IMAGE and ":" in image
    if rendered.namespace == "cmp":  # production: from a registry
        assert "/" in image.rpartition(":")[0]


def test_every_container_has_requests_and_limits(rendered: Manifests) -> None:
    for workload in rendered.workloads():
        for container in containers(workload["spec"]["template"]["spec"]):
            resources = container["resources"]
            for bound in ("requests", "limits"):
                assert {"cpu", "memory"} <= set(resources[bound]), (
                    workload["metadata"]["name"],
                    container["name"],
                    bound,
                )


def test_every_container_runs_as_non_root_on_a_read_only_root(rendered: Manifests) -> None:
    for workload in rendered.workloads():
        pod = workload["spec"]["template"]["spec"]
        name = workload["metadata"]["name"]
        assert pod["securityContext"]["runAsNonRoot"] is True, name
        assert pod["securityContext"]["runAsUser"] > 0, name
        assert pod["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault", name
        assert pod["automountServiceAccountToken"] is False, name
        for container in containers(pod):
            security = container["securityContext"]
            assert security["readOnlyRootFilesystem"] is True, (name, container["name"])
            assert security["allowPrivilegeEscalation"] is False, (name, container["name"])
            assert security["capabilities"]["drop"] == ["ALL"], (name, container["name"])
            assert not security.get("privileged"), name
        # What they write goes to scratch volumes (or a StatefulSet's claims), never the image.
        writable = {v["name"] for v in pod.get("volumes", []) if set(v) & {"emptyDir", "configMap"}}
        writable |= {
            c["metadata"]["name"] for c in workload["spec"].get("volumeClaimTemplates", [])
        }
        for container in containers(pod):
            for mount in container.get("volumeMounts", []):
                assert mount["name"] in writable, (name, mount)


def test_our_pods_run_as_the_images_user_with_a_writable_tmp(rendered: Manifests) -> None:
    dockerfile_user = re.findall(r"^USER (\d+):(\d+)$", DOCKERFILE.read_text(), re.M)[-1]
    for workload in rendered.workloads():
        pod = workload["spec"]["template"]["spec"]
        if not any(is_ours(c, rendered) for c in pod["containers"]):
            continue
        context = pod["securityContext"]
        assert (str(context["runAsUser"]), str(context["runAsGroup"])) == dockerfile_user
        for container in pod["containers"]:
            assert "/tmp" in {m["mountPath"] for m in container["volumeMounts"]}


def test_long_running_workloads_have_liveness_and_readiness_probes(rendered: Manifests) -> None:
    for workload in rendered.workloads():
        if workload["kind"] == "Job":
            continue  # runs to completion: nothing to restart or route to
        for container in workload["spec"]["template"]["spec"]["containers"]:
            for probe in ("livenessProbe", "readinessProbe"):
                assert probe in container, (workload["metadata"]["name"], probe)


@pytest.mark.parametrize("name", ["router", *sorted(SUBGRAPHS)])
def test_our_http_services_probe_health_and_ready(rendered: Manifests, name: str) -> None:
    container = our_container(rendered, "Deployment", name)
    assert container["livenessProbe"]["httpGet"] == {"path": "/health", "port": "http"}
    assert container["readinessProbe"]["httpGet"] == {"path": "/ready", "port": "http"}
    assert container["startupProbe"]["httpGet"]["path"] == "/health"


def test_the_worker_is_probed_through_its_heartbeat(rendered: Manifests) -> None:
    container = our_container(rendered, "Deployment", "worker")
    command = container["command"]
    heartbeat = command[command.index("--heartbeat-file") + 1]
    mounts = {m["mountPath"] for m in container["volumeMounts"]}
    assert str(Path(heartbeat).parent) in mounts  # writable on a read-only root
    for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
        check = container[probe]["exec"]["command"]
        assert check[:4] == ["python", "-m", "cmp.heartbeat", heartbeat], probe
        max_age = float(check[check.index("--max-age") + 1])
        # The loop beats every 5 s (cmp.heartbeat.BEAT_EVERY_SECONDS): allow a few misses.
        assert max_age >= 3 * 5, probe


# ---------------------------------------------------------------------- graceful shutdown


def test_router_drains_before_it_is_killed(rendered: Manifests) -> None:
    pod = rendered.pod_spec("Deployment", "router")
    (container,) = pod["containers"]
    assert container["lifecycle"]["preStop"]["exec"]["command"] == PRESTOP_SLEEP
    # Endpoints forget the pod, requests in flight finish, the webhook processor finishes the
    # delivery it holds (one service call).
    needed = (
        int(PRESTOP_SLEEP[1])
        + GRACEFUL_SHUTDOWN_SECONDS
        + WebhookSettings.model_fields["http_timeout_seconds"].default
    )
    assert pod["terminationGracePeriodSeconds"] >= needed


@pytest.mark.parametrize("name", sorted(SUBGRAPHS))
def test_subgraphs_drain_before_they_are_killed(rendered: Manifests, name: str) -> None:
    pod = rendered.pod_spec("Deployment", name)
    (container,) = pod["containers"]
    assert container["lifecycle"]["preStop"]["exec"]["command"] == PRESTOP_SLEEP
    assert pod["terminationGracePeriodSeconds"] >= int(PRESTOP_SLEEP[1]) + GRACEFUL_SHUTDOWN_SECONDS


def test_worker_grace_is_one_lease(rendered: Manifests) -> None:
    pod = rendered.pod_spec("Deployment", "worker")
    env = rendered.environment(pod["containers"][0])
    lease = float(
        env.get("RUN_LEASE_SECONDS", ExecutionSettings.model_fields["run_lease_seconds"].default)
    )
    assert pod["terminationGracePeriodSeconds"] == lease


# ---------------------------------------------------------------------- scaling


def test_router_scales_on_cpu_and_keeps_one_pod_through_disruptions(rendered: Manifests) -> None:
    (hpa,) = [h for h in rendered.of_kind("HorizontalPodAutoscaler")]
    assert hpa["spec"]["scaleTargetRef"] == {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "name": "router",
    }
    assert 1 <= hpa["spec"]["minReplicas"] < hpa["spec"]["maxReplicas"]
    assert hpa["spec"]["metrics"][0]["resource"]["name"] == "cpu"
    # The autoscaler owns the count: a replicas field would reset it at every apply.
    assert "replicas" not in rendered.get("Deployment", "router")["spec"]
    pdb = rendered.get("PodDisruptionBudget", "router")
    assert pdb["spec"]["selector"]["matchLabels"] == {"app.kubernetes.io/name": "router"}
    assert pdb["spec"]["maxUnavailable"] == 1
    rolling = rendered.get("Deployment", "router")["spec"]["strategy"]["rollingUpdate"]
    assert rolling["maxUnavailable"] == 0


def test_production_scales_workers_on_the_queue() -> None:
    m = manifests("production")
    (scaled,) = m.of_kind("ScaledObject")
    assert scaled["spec"]["scaleTargetRef"]["name"] == "worker"
    assert "replicas" not in m.get("Deployment", "worker")["spec"]
    (trigger,) = scaled["spec"]["triggers"]
    assert trigger["type"] == "postgresql"
    env = m.environment(our_container(m, "Deployment", "worker"))
    assert trigger["metadata"]["targetQueryValue"] == env["WORKER_CONCURRENCY"]
    auth = m.get("TriggerAuthentication", trigger["authenticationRef"]["name"])
    assert auth["spec"]["secretTargetRef"] == [
        {"parameter": "connection", "name": "cmp-postgres-app", "key": "uri"}
    ]
    assert 1 <= scaled["spec"]["minReplicaCount"] < scaled["spec"]["maxReplicaCount"]


def test_dev_runs_one_worker_without_keda() -> None:
    m = manifests("dev")
    assert not m.of_kind("ScaledObject") and not m.of_kind("TriggerAuthentication")
    assert m.get("Deployment", "worker")["spec"]["replicas"] == 1


def queue_query() -> str:
    (scaled,) = manifests("production").of_kind("ScaledObject")
    query: str = scaled["spec"]["triggers"][0]["metadata"]["query"]
    return query


async def test_the_queue_query_counts_waiting_and_running_runs(database_url: str) -> None:
    """KEDA's query, on the real schema: QUEUED and RUNNING runs count, finished ones do not."""
    import asyncpg

    from tests.support.database import _asyncpg_dsn

    connection = await asyncpg.connect(_asyncpg_dsn(database_url))
    try:
        async with connection.transaction(isolation="repeatable_read"):
            before = await connection.fetchval(queue_query())
            for status in ["QUEUED"] * 3 + ["RUNNING"] * 2 + ["SUCCEEDED", "FAILED", "CANCELLED"]:
                await connection.execute(
                    "INSERT INTO execution.runs (id, instance_id, organization_id, offering_id,"
                    " flow_id, status, input, credits_reserved)"
                    " VALUES (gen_random_uuid(), gen_random_uuid(), gen_random_uuid(),"
                    " gen_random_uuid(), 'f', $1, '{}'::jsonb, 1)",
                    status,
                )
            assert await connection.fetchval(queue_query()) == before + 5
            raise _RollBack
    except _RollBack:
        pass
    finally:
        await connection.close()


class _RollBack(Exception):
    """Leaves the session database as it was."""


def replicas_at_most(m: Manifests, name: str) -> int:
    for hpa in m.of_kind("HorizontalPodAutoscaler"):
        if hpa["spec"]["scaleTargetRef"]["name"] == name:
            return int(hpa["spec"]["maxReplicas"])
    for scaled in m.of_kind("ScaledObject"):
        if scaled["spec"]["scaleTargetRef"]["name"] == name:
            return int(scaled["spec"]["maxReplicaCount"])
    return int(m.get("Deployment", name)["spec"]["replicas"])


def test_pools_at_full_scale_fit_in_postgres(rendered: Manifests) -> None:
    """Every pool can open pool_size + as many overflow connections (Database); the worker
    also LISTENs on one of its own."""
    limit = int(
        rendered.get("Cluster", "cmp-postgres")["spec"]["postgresql"]["parameters"][
            "max_connections"
        ]
    )
    default_pool = CommonSettings.model_fields["database_pool_size"].default
    total = 0
    for name in ["router", *SUBGRAPHS, "worker"]:
        env = rendered.environment(our_container(rendered, "Deployment", name))
        per_pod = 2 * int(env.get("DATABASE_POOL_SIZE", default_pool)) + (name == "worker")
        total += replicas_at_most(rendered, name) * per_pod
    assert total <= limit - RESERVED_CONNECTIONS, (total, limit)


# ---------------------------------------------------------------------- network policies


def labels_of(m: Manifests, name: str) -> dict[str, str]:
    for workload in m.workloads():
        if workload["metadata"]["name"] == name:
            labels: dict[str, str] = workload["spec"]["template"]["metadata"]["labels"]
            return labels
    raise KeyError(name)


def listening(m: Manifests) -> list[tuple[str, int]]:
    return [
        (w["metadata"]["name"], p["containerPort"])
        for w in m.workloads()
        for c in w["spec"]["template"]["spec"]["containers"]
        for p in c.get("ports", [])
    ]


def namespace_labels(name: str) -> dict[str, str]:
    return {"kubernetes.io/metadata.name": name}


def allowed_from(m: Manifests, target: dict[str, str], port: int, peer: Peer) -> bool:
    return ingress_allowed(m.of_kind("NetworkPolicy"), m.namespace, target, port, peer)


def test_everything_is_refused_unless_allowed(rendered: Manifests) -> None:
    deny = rendered.get("NetworkPolicy", "default-deny-ingress")["spec"]
    assert deny == {"podSelector": {}, "policyTypes": ["Ingress"]}


def test_only_the_router_and_saleor_take_traffic_from_outside(rendered: Manifests) -> None:
    stranger = Peer({"app": "anything"}, namespace_labels("elsewhere"))
    reachable = {
        (name, port)
        for name, port in listening(rendered)
        if allowed_from(rendered, labels_of(rendered, name), port, stranger)
    }
    assert reachable == {("router", 4000), ("saleor-api", 8000), ("saleor-dashboard", 8080)}


def scraped(m: Manifests) -> dict[str, int]:
    """The pods Prometheus scrapes (their annotations), and on which port."""
    found = {}
    for workload in m.workloads():
        annotations = workload["spec"]["template"]["metadata"].get("annotations", {})
        if annotations.get("prometheus.io/scrape") == "true":
            found[workload["metadata"]["name"]] = int(annotations["prometheus.io/port"])
            assert annotations["prometheus.io/path"] == "/metrics"
    return found


def test_prometheus_scrapes_the_router_and_the_workers(rendered: Manifests) -> None:
    ports = scraped(rendered)
    assert set(ports) == {"router", "worker"}
    for name, port in ports.items():
        assert (name, port) in listening(rendered), (name, port)
    worker = rendered.environment(our_container(rendered, "Deployment", "worker"))
    settings = ExecutionSettings.model_validate(
        {k: v for k, v in worker.items() if isinstance(v, str)}
    )
    # The worker serves /metrics on the annotated port, on the pod's address (not loopback).
    assert settings.worker_health_port == ports["worker"] == worker_metrics_port()
    assert settings.worker_health_host == "0.0.0.0"
    # Only the worker: the execution subgraph serves its own probes on its own port.
    execution = rendered.environment(our_container(rendered, "Deployment", "execution"))
    assert "WORKER_HEALTH_PORT" not in execution


def test_only_prometheus_reaches_the_workers_metrics(rendered: Manifests) -> None:
    prometheus = Peer(
        {"app.kubernetes.io/name": "prometheus"}, namespace_labels(PROMETHEUS_NAMESPACE)
    )
    stranger = Peer({"app": "anything"}, namespace_labels("elsewhere"))
    for name, port in scraped(rendered).items():
        assert allowed_from(rendered, labels_of(rendered, name), port, prometheus), name
    worker, port = labels_of(rendered, "worker"), scraped(rendered)["worker"]
    assert not allowed_from(rendered, worker, port, stranger)
    neighbour = Peer(labels_of(rendered, "router"), namespace_labels(rendered.namespace))
    assert not allowed_from(rendered, worker, port, neighbour)
    # Beyond what anyone outside reaches, Prometheus's namespace reaches the metrics and nothing
    # else (not the subgraphs, Langflow or PostgreSQL).
    for name, listened in listening(rendered):
        target = labels_of(rendered, name)
        public = allowed_from(rendered, target, listened, stranger)
        expected = public or (name, listened) == ("worker", port)
        assert allowed_from(rendered, target, listened, prometheus) == expected, (name, listened)


def callers_by_url(m: Manifests) -> dict[str, set[str]]:
    """Which of our workloads call which service, from the URLs they are configured with."""
    calls: dict[str, set[str]] = {}
    for name in OUR_WORKLOADS:
        kind = "Job" if name == "cmp-migrate" else "Deployment"
        env = m.environment(our_container(m, kind, name))
        urls = [v for v in env.values() if isinstance(v, str) and "://" in v]
        if "ROUTER_SUBGRAPH_URLS" in env:
            urls += [item.split("=", 1)[1] for item in env["ROUTER_SUBGRAPH_URLS"].split(",")]
        for url in urls:
            host = urlsplit(url).hostname
            if host:
                calls.setdefault(host, set()).add(name)
    return calls


@pytest.mark.parametrize("name", ["control-plane", "billing", "execution", "langflow"])
def test_internal_services_accept_only_their_callers(rendered: Manifests, name: str) -> None:
    expected = callers_by_url(rendered)[name]
    port = next(p for n, p in listening(rendered) if n == name)
    target = labels_of(rendered, name)
    everyone = [w["metadata"]["name"] for w in rendered.workloads()]
    allowed = {
        source
        for source in everyone
        if allowed_from(
            rendered,
            target,
            port,
            Peer(labels_of(rendered, source), namespace_labels(rendered.namespace)),
        )
    }
    assert allowed == expected
    if name in SUBGRAPHS:
        assert "router" in allowed  # the webhook processor runs in the router


def test_valkey_serves_the_saleor_pods_configured_with_it(rendered: Manifests) -> None:
    target = labels_of(rendered, "valkey")
    users = set()
    for workload in rendered.workloads():
        source = workload["metadata"]["name"]
        env = {}
        for container in containers(workload["spec"]["template"]["spec"]):
            env.update(rendered.environment(container))
        if any(urlsplit(str(v)).hostname == "valkey" for v in env.values()):
            users.add(source)
        peer = Peer(labels_of(rendered, source), namespace_labels(rendered.namespace))
        assert allowed_from(rendered, target, 6379, peer) == (source in users), source
    assert users == {"saleor-api", "saleor-worker", "saleor-migrate"}


def test_postgres_serves_the_projects_pods_only(rendered: Manifests) -> None:
    cluster = rendered.get("Cluster", "cmp-postgres")
    instance = {
        "cnpg.io/cluster": "cmp-postgres",
        **cluster["spec"]["inheritedMetadata"]["labels"],
    }
    here = namespace_labels(rendered.namespace)
    for workload in rendered.workloads():
        peer = Peer(labels_of(rendered, workload["metadata"]["name"]), here)
        assert allowed_from(rendered, instance, 5432, peer), workload["metadata"]["name"]
    assert allowed_from(rendered, instance, 5432, Peer(instance, here))  # replication
    assert not allowed_from(rendered, instance, 5432, Peer({"app": "intruder"}, here))
    assert not allowed_from(
        rendered, instance, 5432, Peer(labels_of(rendered, "router"), namespace_labels("other"))
    )
    # The operators, from their namespaces: CloudNativePG (status, 8000) and KEDA (the query).
    assert allowed_from(rendered, instance, 8000, Peer({}, namespace_labels("cnpg-system")))
    assert allowed_from(rendered, instance, 5432, Peer({}, namespace_labels("keda")))
    assert not allowed_from(rendered, instance, 8000, Peer({}, namespace_labels("keda")))


# ---------------------------------------------------------------------- configuration


def workload_env(m: Manifests, name: str) -> dict[str, Any]:
    kind = "Job" if name == "cmp-migrate" else "Deployment"
    return m.environment(our_container(m, kind, name))


@pytest.mark.parametrize("name", sorted(OUR_WORKLOADS))
def test_our_workloads_get_only_variables_our_code_reads(rendered: Manifests, name: str) -> None:
    # Their settings classes', and the OTEL_* ones kernel/telemetry.py reads.
    known = known_variables(OUR_WORKLOADS[name])
    env = workload_env(rendered, name)
    unknown = set(env) - known
    assert not unknown, f"{name} sets variables nothing reads: {sorted(unknown)}"
    assert env["CMP_ENV"] == "production"
    assert env["DATABASE_URL"] == {"secretKeyRef": {"name": "cmp-postgres-app", "key": "uri"}}
    if name != "cmp-migrate":
        assert env["CMP_SERVICE_TOKEN"] == {
            "secretKeyRef": {"name": "cmp-secrets", "key": "CMP_SERVICE_TOKEN"}
        }


@pytest.mark.parametrize("name", sorted(OUR_WORKLOADS))
def test_every_variable_our_code_reads_is_set_or_defaulted(rendered: Manifests, name: str) -> None:
    env = workload_env(rendered, name)
    for settings in OUR_WORKLOADS[name]:
        for field_name, field in settings.model_fields.items():
            alias = field.alias or field_name.upper()
            assert alias in env or not field.is_required(), (name, alias)
            # Settings read as numbers or flags must parse.
            if alias in env and isinstance(env[alias], str):
                settings.model_validate({alias: env[alias]})


SERVICE_URLS = {
    "CONTROL_PLANE_URL": ("control-plane", 4001, "/graphql"),
    "BILLING_URL": ("billing", 4002, "/graphql"),
    "SALEOR_API_URL": ("saleor-api", 8000, "/graphql/"),
    "CMP_SUPERGRAPH_URL": ("router", 4000, "/graphql"),
    "LANGFLOW_URL": ("langflow", 7860, ""),
}


@pytest.mark.parametrize("name", sorted(OUR_WORKLOADS))
def test_service_urls_name_the_right_service_and_port(rendered: Manifests, name: str) -> None:
    for variable, value in workload_env(rendered, name).items():
        if variable not in SERVICE_URLS:
            continue
        host, port, path = SERVICE_URLS[variable]
        url = urlsplit(value)
        assert (url.hostname, url.port, url.path) == (host, port, path), (name, variable)
        service = rendered.get("Service", host)
        assert port in [p["port"] for p in service["spec"]["ports"]]


def test_router_reaches_every_subgraph_by_its_service(rendered: Manifests) -> None:
    env = workload_env(rendered, "router")
    pairs = dict(item.split("=", 1) for item in env["ROUTER_SUBGRAPH_URLS"].split(","))
    assert set(pairs) == set(SUBGRAPHS)
    for name, url in pairs.items():
        parts = urlsplit(url)
        assert (parts.hostname, parts.port) == (name, SUBGRAPHS[name].default_port)
    settings = RouterSettings.model_validate({k: v for k, v in env.items() if isinstance(v, str)})
    assert settings.router_config().subgraph_urls["saleor"] == env["SALEOR_API_URL"]


def test_the_saleor_issuer_is_trusted_and_its_webhooks_accepted(rendered: Manifests) -> None:
    """Saleor signs tokens and webhooks as PUBLIC_URL + graphql/ (its `iss` and Saleor-Api-Url):
    each of our services must trust that issuer, and the router accept it as a webhook source."""
    saleor = rendered.environment(our_container(rendered, "Deployment", "saleor-api"))
    issuer = saleor["PUBLIC_URL"].rstrip("/") + "/graphql/"
    allowed_hosts = saleor["ALLOWED_HOSTS"].split(",")
    assert urlsplit(issuer).hostname in allowed_hosts
    assert "saleor-api" in allowed_hosts  # our services call it by its Service
    for name in OUR_WORKLOADS:
        env = workload_env(rendered, name)
        settings = CommonSettings.model_validate(
            {k: v for k, v in env.items() if isinstance(v, str)}
        )
        issuers = dict(
            pair.split("=", 1) for pair in settings.jwt_issuers.split(",") if "=" in pair
        )
        assert issuer == settings.saleor_api_url or issuer in issuers, name
        for jwks in issuers.values():
            assert urlsplit(jwks).hostname in {"saleor-api"}, jwks
    webhooks = WebhookSettings.model_validate(
        {k: v for k, v in workload_env(rendered, "router").items() if isinstance(v, str)}
    )
    assert issuer in webhooks.allowed_saleor_api_urls
    dashboard = rendered.environment(our_container(rendered, "Deployment", "saleor-dashboard"))
    assert urlsplit(dashboard["API_URL"]).hostname in allowed_hosts


def test_production_turns_development_features_off_and_dev_on() -> None:
    production = workload_env(manifests("production"), "router")
    dev = workload_env(manifests("dev"), "router")
    for flag in ("ROUTER_PLAYGROUND", "ROUTER_INTROSPECTION", "ROUTER_EXPOSE_QUERY_PLAN"):
        assert flag not in production  # off with CMP_ENV=production
        assert dev[flag] == "true"


@pytest.mark.parametrize("rendered_as", RENDERINGS)
def test_tracing_is_on_exactly_with_the_tracing_component(rendered_as: str) -> None:
    m = rendering(rendered_as)
    traced = rendered_as.endswith("+tracing")
    for name in OUR_WORKLOADS:
        env = {k: v for k, v in workload_env(m, name).items() if isinstance(v, str)}
        on = traced and name in TRACED  # the long-running ones; not the migration Job
        assert telemetry.tracing_configured(env) == on, name
        assert telemetry.configuration_problem(env) is None, name
        # Each service names itself (cmp-router, cmp-webhooks, ...): one OTEL_SERVICE_NAME
        # would give the router's webhook processor the router's name.
        assert "OTEL_SERVICE_NAME" not in env, name


def test_the_tracing_component_sends_to_an_otlp_http_collector() -> None:
    for overlay in OVERLAYS:
        m = Manifests(render_with(overlay, "tracing"))
        env = workload_env(m, "router")
        endpoint = urlsplit(env["OTEL_EXPORTER_OTLP_ENDPOINT"])
        assert endpoint.scheme == "http" and endpoint.port == 4318  # OTLP over HTTP
        assert set(env) - set(workload_env(manifests(overlay), "router")) == {
            "OTEL_EXPORTER_OTLP_ENDPOINT"
        }


def test_production_serves_only_the_storefronts_trusted_documents() -> None:
    env = workload_env(manifests("production"), "router")
    settings = RouterSettings.model_validate({k: v for k, v in env.items() if isinstance(v, str)})
    config = settings.router_config()
    assert not config.allow_arbitrary_documents  # CMP_ENV=production: the list is enforced
    assert_storefront_manifests_in_image(config.trusted_document_files)
    # The webhook processor calls the router with the service credential, which is exempt.
    assert env["CMP_SUPERGRAPH_URL"].startswith("http://router:")
    assert "secretKeyRef" in env["CMP_SERVICE_TOKEN"]
    # Dev keeps the playground's operations open: no list there.
    assert "ROUTER_TRUSTED_DOCUMENTS" not in workload_env(manifests("dev"), "router")


# ---------------------------------------------------------------------- secrets


def secret_refs(m: Manifests) -> set[tuple[str, str]]:
    refs = set()
    for workload in m.workloads():
        for container in containers(workload["spec"]["template"]["spec"]):
            for item in container.get("env", []):
                ref = item.get("valueFrom", {}).get("secretKeyRef")
                if ref:
                    refs.add((ref["name"], ref["key"]))
    for auth in m.of_kind("TriggerAuthentication"):
        refs |= {(r["name"], r["key"]) for r in auth["spec"]["secretTargetRef"]}
    for role in m.get("Cluster", "cmp-postgres")["spec"]["managed"]["roles"]:
        refs |= {(role["passwordSecret"]["name"], "username")}
        refs |= {(role["passwordSecret"]["name"], "password")}
    return refs


def test_secrets_are_the_ones_the_setup_script_creates(rendered: Manifests) -> None:
    from tests.test_deploy_scripts import created_secrets

    created = created_secrets()
    generated_by_cnpg = {("cmp-postgres-app", "uri")}
    needed = secret_refs(rendered) - generated_by_cnpg
    provided = {(name, key) for name, keys in created.items() for key in keys}
    assert needed <= provided, needed - provided
    # ...and nothing the manifests do not read (the cnpg.io/reload label aside).
    assert provided == needed


def test_no_secret_value_is_in_a_config_map(rendered: Manifests) -> None:
    secret_keys = {key for _, key in secret_refs(rendered)}
    for config in rendered.of_kind("ConfigMap"):
        assert not secret_keys & set(config["data"]), config["metadata"]["name"]
        for key in config["data"]:
            assert not re.search(r"TOKEN|PASSWORD|SECRET|PRIVATE_KEY", key), key


DOCKERFILE = KUBERNETES.parent / "Dockerfile"


def test_the_readmes_example_query_is_a_storefront_document() -> None:
    """Deploying on Kubernetes, step 8, asks production for a document by id: one it serves."""
    from tests.test_dockerfile import STOREFRONT_MANIFEST

    readme = (KUBERNETES.parent.parent / "README.md").read_text()
    section = readme[readme.index("## Deploying on Kubernetes") : readme.index("## Benchmarks")]
    ids = re.findall(r'"documentId": "(sha256:[0-9a-f]{64})"', section)
    assert ids
    listed = json.loads(STOREFRONT_MANIFEST.read_text())
    for document_id in ids:
        assert document_id in listed, document_id
