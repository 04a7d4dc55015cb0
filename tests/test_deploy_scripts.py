"""deploy/kubernetes/deploy.sh and create-secrets.sh, run against a kubectl stand-in that records
every call (kustomize itself is the real one): the order of a deploy, and the Secrets created."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.serialization import load_pem_private_key

from tests.support.kubernetes import KUBERNETES, OVERLAYS, Manifests, kubectl, manifests

pytestmark = pytest.mark.skipif(kubectl() is None, reason="kubectl renders the overlays")

DEPLOY = KUBERNETES / "deploy.sh"
CREATE_SECRETS = KUBERNETES / "create-secrets.sh"
AFTER_MIGRATIONS = "cmp.deploy/after-migrations"

# Records its arguments (one JSON list a line); runs the real `kubectl kustomize`; `get` fails
# for the names in FAKE_KUBECTL_ABSENT; the sub-command named in FAKE_KUBECTL_FAIL fails.
FAKE_KUBECTL = """#!{python}
import json, os, sys
args = sys.argv[1:]
with open(os.environ["FAKE_KUBECTL_LOG"], "a") as log:
    log.write(json.dumps(args) + "\\n")
if args[:1] == ["kustomize"]:
    os.execv({real!r}, [{real!r}, *args])
absent = [n for n in os.environ.get("FAKE_KUBECTL_ABSENT", "").split(",") if n]
if "get" in args and any(name in args for name in absent):
    sys.exit(1)
if os.environ.get("FAKE_KUBECTL_FAIL") in args:
    sys.exit(1)
"""


def run_script(
    tmp_path: Path, script: Path, *args: str, absent: str = "", fail: str = ""
) -> tuple[subprocess.CompletedProcess[str], list[list[str]]]:
    fake = tmp_path / "kubectl"
    fake.write_text(FAKE_KUBECTL.format(python=sys.executable, real=kubectl()))
    fake.chmod(0o755)
    log = tmp_path / "calls.jsonl"
    log.unlink(missing_ok=True)
    env = {
        **os.environ,
        "KUBECTL": str(fake),
        "FAKE_KUBECTL_LOG": str(log),
        "FAKE_KUBECTL_ABSENT": absent,
        "FAKE_KUBECTL_FAIL": fail,
    }
    result = subprocess.run(
        ["bash", str(script), *args], env=env, capture_output=True, text=True, timeout=120
    )
    calls = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
    return result, calls


# ---------------------------------------------------------------------- create-secrets.sh


def literals(call: list[str]) -> dict[str, str]:
    return dict(
        arg.removeprefix("--from-literal=").split("=", 1)
        for arg in call
        if arg.startswith("--from-literal=")
    )


def creations(calls: list[list[str]]) -> dict[str, list[str]]:
    return {call[call.index("generic") + 1]: call for call in calls if "generic" in call}


@cache
def _created(tmp: str) -> dict[str, dict[str, str]]:
    result, calls = run_script(Path(tmp), CREATE_SECRETS, "cmp-test", absent="secret,namespace")
    assert result.returncode == 0, result.stderr
    return {name: literals(call) for name, call in creations(calls).items()}


def created_secrets() -> dict[str, dict[str, str]]:
    """What create-secrets.sh creates in an empty namespace: {secret: {key: value}}."""
    import tempfile

    return _created(tempfile.mkdtemp(prefix="create-secrets-"))


def test_create_secrets_makes_random_credentials(tmp_path: Path) -> None:
    result, calls = run_script(tmp_path, CREATE_SECRETS, "cmp-test", absent="secret,namespace")
    assert result.returncode == 0, result.stderr
    assert ["create", "namespace", "cmp-test"] in calls
    created = creations(calls)
    assert set(created) == {
        "cmp-secrets",
        "saleor-secrets",
        "saleor-db",
        "langflow-db",
        "langflow-secrets",
    }
    for name, call in created.items():
        assert call[:3] == ["--namespace", "cmp-test", "create"], name
    values = {name: literals(call) for name, call in created.items()}
    # Filled in during the bootstrap, once Saleor and Langflow exist.
    assert values["cmp-secrets"]["SALEOR_APP_TOKEN"] == ""
    assert values["cmp-secrets"]["LANGFLOW_API_KEY"] == ""
    randoms = [
        values["cmp-secrets"]["CMP_SERVICE_TOKEN"],
        values["saleor-secrets"]["SECRET_KEY"],
        values["saleor-db"]["password"],
        values["langflow-db"]["password"],
        values["langflow-secrets"]["LANGFLOW_SECRET_KEY"],
        values["langflow-secrets"]["LANGFLOW_SUPERUSER_PASSWORD"],
    ]
    assert len(set(randoms)) == len(randoms)
    for value in randoms:  # hex: safe unescaped in the database URLs
        assert len(value) == 64 and int(value, 16) >= 0
    key = load_pem_private_key(values["saleor-secrets"]["RSA_PRIVATE_KEY"].encode(), None)
    assert key.key_size == 2048  # type: ignore[union-attr]
    for role in ("saleor", "langflow"):
        assert "--type=kubernetes.io/basic-auth" in created[f"{role}-db"]
        assert values[f"{role}-db"]["username"] == role
    assert any(call[2:4] == ["label", "secret"] and "cnpg.io/reload=true" in call for call in calls)


def test_create_secrets_never_replaces_an_existing_secret(tmp_path: Path) -> None:
    result, calls = run_script(tmp_path, CREATE_SECRETS, "cmp-test", absent="")
    assert result.returncode == 0, result.stderr
    assert not creations(calls)
    assert ["create", "namespace", "cmp-test"] not in calls
    assert result.stdout.count("exists: kept") == 5


def test_create_secrets_needs_a_namespace(tmp_path: Path) -> None:
    result, calls = run_script(tmp_path, CREATE_SECRETS)
    assert result.returncode != 0 and "usage" in result.stderr
    assert calls == []


def test_the_database_roles_match_their_secrets() -> None:
    created = created_secrets()
    for overlay in OVERLAYS:
        for role in manifests(overlay).get("Cluster", "cmp-postgres")["spec"]["managed"]["roles"]:
            assert created[role["passwordSecret"]["name"]]["username"] == role["name"]


# ---------------------------------------------------------------------- deploy.sh


def selected(m: Manifests, selector_not_after_migrations: bool) -> list[dict[str, Any]]:
    """Objects `--selector 'cmp.deploy/after-migrations!=true'` (or `=true`) picks."""
    return [
        doc
        for doc in m.docs
        if (doc["metadata"].get("labels", {}).get(AFTER_MIGRATIONS) != "true")
        == selector_not_after_migrations
    ]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_deploy_migrates_before_the_rollout(tmp_path: Path, overlay: str) -> None:
    result, calls = run_script(tmp_path, DEPLOY, str(KUBERNETES / "overlays" / overlay))
    assert result.returncode == 0, result.stderr
    verbs = [call[0] for call in calls]
    assert verbs[0] == "kustomize"
    steps = [call for call in calls if call[0] in ("delete", "apply", "wait", "rollout")]
    migrations = ["--selector", "app.kubernetes.io/component=migration"]
    # 1. previous Jobs go (immutable templates); 2. all but the new-schema services;
    # 3. the Jobs complete; 4. everything; 5. every rollout finishes.
    assert [s[0] for s in steps] == ["delete", "apply", "wait", "apply", "rollout"]
    assert steps[0][3:5] == migrations and "--ignore-not-found" in steps[0]
    assert steps[1][3:] == ["--selector", f"{AFTER_MIGRATIONS}!=true"]
    assert steps[2][3:5] == migrations and "--for=condition=complete" in steps[2]
    assert len(steps[3]) == 3  # apply -f FILE: everything
    assert steps[4][:2] == ["rollout", "status"]
    assert f"{AFTER_MIGRATIONS}=true" in steps[4]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_the_first_phase_holds_what_migrations_need_and_no_new_code(overlay: str) -> None:
    m = manifests(overlay)
    first = selected(m, True)
    kinds = {(doc["kind"], doc["metadata"]["name"]) for doc in first}
    assert {("Job", "cmp-migrate"), ("Job", "saleor-migrate"), ("Cluster", "cmp-postgres")} <= kinds
    assert ("Database", "saleor") in kinds and ("Namespace", m.namespace) in kinds
    assert {c["metadata"]["name"] for c in m.of_kind("ConfigMap")} <= {
        name for kind, name in kinds if kind == "ConfigMap"
    }
    # Every Deployment running our code or Saleor's waits for the migrations.
    later = {doc["metadata"]["name"] for doc in selected(m, False)}
    for deployment in m.of_kind("Deployment"):
        images = {c["image"] for c in deployment["spec"]["template"]["spec"]["containers"]}
        job_images = {
            c["image"]
            for job in m.of_kind("Job")
            for c in job["spec"]["template"]["spec"]["containers"]
        }
        if images & job_images:
            assert deployment["metadata"]["name"] in later
    assert all(doc["kind"] == "Deployment" for doc in selected(m, False))


def test_deploy_stops_when_an_operator_is_missing(tmp_path: Path) -> None:
    production = str(KUBERNETES / "overlays" / "production")
    result, calls = run_script(tmp_path, DEPLOY, production, absent="clusters.postgresql.cnpg.io")
    assert result.returncode == 1 and "CloudNativePG is not installed" in result.stderr
    assert not [call for call in calls if call[0] in ("apply", "delete")]
    result, calls = run_script(tmp_path, DEPLOY, production, absent="scaledobjects.keda.sh")
    assert result.returncode == 1 and "KEDA is not installed" in result.stderr
    # dev has no ScaledObject: KEDA is not needed there.
    result, _ = run_script(
        tmp_path, DEPLOY, str(KUBERNETES / "overlays" / "dev"), absent="scaledobjects.keda.sh"
    )
    assert result.returncode == 0, result.stderr


def test_deploy_does_not_roll_out_when_migrations_fail(tmp_path: Path) -> None:
    production = str(KUBERNETES / "overlays" / "production")
    result, calls = run_script(tmp_path, DEPLOY, production, fail="wait")
    assert result.returncode == 1 and "migrations did not complete" in result.stderr
    applies = [call for call in calls if call[0] == "apply"]
    assert len(applies) == 1 and applies[0][-1] == f"{AFTER_MIGRATIONS}!=true"
    assert not [call for call in calls if call[0] == "rollout"]
