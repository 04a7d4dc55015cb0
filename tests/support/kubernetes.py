"""Reading the rendered Kubernetes manifests (deploy/kubernetes) the way the cluster would:
kustomize's output, the environment a container ends up with, and who NetworkPolicies let in."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent.parent
KUBERNETES = ROOT / "deploy" / "kubernetes"
OVERLAYS = sorted(path.name for path in (KUBERNETES / "overlays").iterdir() if path.is_dir())
COMPONENTS = sorted(path.name for path in (KUBERNETES / "components").iterdir() if path.is_dir())
WORKLOAD_KINDS = ("Deployment", "StatefulSet", "Job")

Doc = dict[str, Any]


def kubectl() -> str | None:
    return shutil.which("kubectl")


@functools.cache
def render(overlay: str) -> tuple[Doc, ...]:
    """`kubectl kustomize` of an overlay (kubectl embeds kustomize)."""
    return _kustomize(KUBERNETES / "overlays" / overlay)


@functools.cache
def render_with(overlay: str, component: str) -> tuple[Doc, ...]:
    """An overlay that also takes one of components/ (as an operator enables it: in a
    kustomization of the overlay's namespace, so the component's ConfigMaps are there too)."""
    namespace = next(doc for doc in render(overlay) if doc["kind"] == "Namespace")
    with tempfile.TemporaryDirectory() as directory:
        # kustomize takes relative paths only.
        here = os.path.relpath(KUBERNETES, directory)
        (Path(directory) / "kustomization.yaml").write_text(
            yaml.safe_dump(
                {
                    "apiVersion": "kustomize.config.k8s.io/v1beta1",
                    "kind": "Kustomization",
                    "namespace": namespace["metadata"]["name"],
                    "resources": [f"{here}/overlays/{overlay}"],
                    "components": [f"{here}/components/{component}"],
                }
            )
        )
        return _kustomize(Path(directory))


def _kustomize(directory: Path) -> tuple[Doc, ...]:
    command = kubectl()
    assert command is not None
    out = subprocess.run(
        [command, "kustomize", str(directory)],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    return tuple(doc for doc in yaml.safe_load_all(out) if doc)


@dataclass(frozen=True)
class Manifests:
    docs: tuple[Doc, ...]

    def of_kind(self, kind: str) -> list[Doc]:
        return [doc for doc in self.docs if doc["kind"] == kind]

    def get(self, kind: str, name: str) -> Doc:
        for doc in self.of_kind(kind):
            if doc["metadata"]["name"] == name:
                return doc
        raise KeyError(f"no {kind} {name}")

    def has(self, kind: str, name: str) -> bool:
        return any(doc["metadata"]["name"] == name for doc in self.of_kind(kind))

    @property
    def namespace(self) -> str:
        (namespace,) = self.of_kind("Namespace")
        name: str = namespace["metadata"]["name"]
        return name

    def workloads(self) -> Iterator[Doc]:
        for doc in self.docs:
            if doc["kind"] in WORKLOAD_KINDS:
                yield doc

    def pod_spec(self, kind: str, name: str) -> Doc:
        spec: Doc = self.get(kind, name)["spec"]["template"]["spec"]
        return spec

    def config_map(self, name: str) -> dict[str, str]:
        data: dict[str, str] = self.get("ConfigMap", name)["data"]
        return data

    def environment(self, container: Doc) -> dict[str, Any]:
        """Every variable the container gets: plain values as strings, references as the
        `valueFrom` mapping (envFrom ConfigMaps resolved from the rendered ConfigMaps)."""
        env: dict[str, Any] = {}
        for source in container.get("envFrom", []):
            if "configMapRef" in source:
                env.update(self.config_map(source["configMapRef"]["name"]))
            else:
                raise AssertionError(f"unexpected envFrom {source}")
        for item in container.get("env", []):
            env[item["name"]] = item["valueFrom"] if "valueFrom" in item else str(item["value"])
        return env


def manifests(overlay: str) -> Manifests:
    return Manifests(render(overlay))


def containers(pod_spec: Doc) -> list[Doc]:
    return [*pod_spec.get("initContainers", []), *pod_spec["containers"]]


# ---------------------------------------------------------------------- NetworkPolicy


@dataclass(frozen=True)
class Peer:
    """A pod that opens a connection: its labels and its namespace's labels."""

    labels: Mapping[str, str]
    namespace_labels: Mapping[str, str]


def _selects(selector: Doc, labels: Mapping[str, str]) -> bool:
    for key, value in (selector.get("matchLabels") or {}).items():
        if labels.get(key) != value:
            return False
    for expression in selector.get("matchExpressions") or []:
        key, operator = expression["key"], expression["operator"]
        values = expression.get("values") or []
        if operator == "In" and labels.get(key) not in values:
            return False
        if operator == "NotIn" and labels.get(key) in values:
            return False
        if operator == "Exists" and key not in labels:
            return False
        if operator == "DoesNotExist" and key in labels:
            return False
    return True


def _peer_matches(rule_peer: Doc, peer: Peer, namespace: str) -> bool:
    if "ipBlock" in rule_peer:
        return False  # none used: pods are named by labels
    pod_selector = rule_peer.get("podSelector")
    namespace_selector = rule_peer.get("namespaceSelector")
    if namespace_selector is None:
        # A podSelector alone means pods of the policy's own namespace.
        in_namespace = peer.namespace_labels.get("kubernetes.io/metadata.name") == namespace
        return in_namespace and _selects(pod_selector or {}, peer.labels)
    if not _selects(namespace_selector, peer.namespace_labels):
        return False
    return pod_selector is None or _selects(pod_selector, peer.labels)


def ingress_allowed(
    policies: list[Doc], namespace: str, target: Mapping[str, str], port: int, peer: Peer
) -> bool:
    """Whether `peer` may connect to a pod labelled `target` on `port` (NetworkPolicy v1
    semantics: isolated once any policy selects the pod, then the union of their rules)."""
    selecting = [
        policy
        for policy in policies
        if "Ingress" in policy["spec"].get("policyTypes", ["Ingress"])
        and _selects(policy["spec"]["podSelector"], target)
    ]
    if not selecting:
        return True
    for policy in selecting:
        for rule in policy["spec"].get("ingress") or []:
            ports = rule.get("ports")
            if ports and not any(p.get("port") == port for p in ports):
                continue
            sources = rule.get("from")
            if not sources or any(_peer_matches(s, peer, namespace) for s in sources):
                return True
    return False
