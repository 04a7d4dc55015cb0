#!/usr/bin/env bash
# Creates, once per namespace, the Secrets the manifests read, with random values; a Secret
# that exists is left alone (re-running never rotates a credential). CloudNativePG creates
# the database owner's (cmp-postgres-app) itself.
#   deploy/kubernetes/create-secrets.sh NAMESPACE
# SALEOR_APP_TOKEN and LANGFLOW_API_KEY start empty: they exist only once Saleor and Langflow
# run (README, "Bootstrap"); set them then with `kubectl create secret ... | kubectl apply`.
# KUBECTL overrides the kubectl command (tests use a recording stand-in).
set -euo pipefail

namespace=${1:?usage: create-secrets.sh NAMESPACE}
kubectl=${KUBECTL:-kubectl}

random() { openssl rand -hex 32; }

create() {  # NAME [--type TYPE] --from-literal=KEY=VALUE...
  local name=$1
  shift
  if $kubectl --namespace "$namespace" get secret "$name" >/dev/null 2>&1; then
    echo "secret $name exists: kept"
    return
  fi
  $kubectl --namespace "$namespace" create secret generic "$name" "$@"
}

$kubectl get namespace "$namespace" >/dev/null 2>&1 || $kubectl create namespace "$namespace"

create cmp-secrets \
  --from-literal=CMP_SERVICE_TOKEN="$(random)" \
  --from-literal=SALEOR_APP_TOKEN= \
  --from-literal=LANGFLOW_API_KEY=
create saleor-secrets \
  --from-literal=SECRET_KEY="$(random)" \
  --from-literal=RSA_PRIVATE_KEY="$(openssl genrsa 2048 2>/dev/null)"
# Database roles of Saleor and Langflow (CloudNativePG reads basic-auth Secrets). Hex
# passwords: the manifests put them in a URL unescaped.
create saleor-db --type=kubernetes.io/basic-auth \
  --from-literal=username=saleor --from-literal=password="$(random)"
create langflow-db --type=kubernetes.io/basic-auth \
  --from-literal=username=langflow --from-literal=password="$(random)"
create langflow-secrets \
  --from-literal=LANGFLOW_SECRET_KEY="$(random)" \
  --from-literal=LANGFLOW_SUPERUSER_PASSWORD="$(random)"
# CloudNativePG picks up later changes of the role passwords only from labelled Secrets.
$kubectl --namespace "$namespace" label secret saleor-db langflow-db cnpg.io/reload=true --overwrite
