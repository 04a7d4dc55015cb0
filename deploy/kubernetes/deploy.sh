#!/usr/bin/env bash
# Deploys an overlay in the order the services need: migrations run to completion first, then
# the services roll out. Plain kustomize has no hooks, so this is the deploy command:
#   deploy/kubernetes/deploy.sh deploy/kubernetes/overlays/production
# 1. render the overlay once (kubectl kustomize), check the operators' CRDs are installed;
# 2. delete the previous migration Jobs (a Job's pod template cannot change);
# 3. apply everything but the services that need the new schema (labelled
#    cmp.deploy/after-migrations=true): namespace, config, PostgreSQL, policies, the Jobs...;
# 4. wait for the Jobs (cmp migrate, Saleor's migrate) to complete;
# 5. apply everything, and wait for every rollout.
# KUBECTL overrides the kubectl command (tests use a recording stand-in).
set -euo pipefail

overlay=${1:?usage: deploy.sh OVERLAY_DIR}
kubectl=${KUBECTL:-kubectl}
migration_timeout=${MIGRATION_TIMEOUT:-15m}
rollout_timeout=${ROLLOUT_TIMEOUT:-10m}

rendered=$(mktemp)
trap 'rm -f "$rendered"' EXIT
$kubectl kustomize "$overlay" >"$rendered"

for crd in clusters.postgresql.cnpg.io databases.postgresql.cnpg.io; do
  if ! $kubectl get crd "$crd" >/dev/null 2>&1; then
    echo "CloudNativePG is not installed (no CRD $crd): see the README, 'Deploying on Kubernetes'" >&2
    exit 1
  fi
done
if grep -q '^kind: ScaledObject$' "$rendered" && ! $kubectl get crd scaledobjects.keda.sh >/dev/null 2>&1; then
  echo "KEDA is not installed (no CRD scaledobjects.keda.sh): see the README, 'Deploying on Kubernetes'" >&2
  exit 1
fi

migrations=app.kubernetes.io/component=migration
$kubectl delete -f "$rendered" --selector "$migrations" --ignore-not-found --wait=true
$kubectl apply -f "$rendered" --selector 'cmp.deploy/after-migrations!=true'
if ! $kubectl wait -f "$rendered" --selector "$migrations" --for=condition=complete --timeout="$migration_timeout"; then
  echo "migrations did not complete: kubectl logs job/cmp-migrate (or job/saleor-migrate) in the overlay's namespace" >&2
  exit 1
fi
$kubectl apply -f "$rendered"
$kubectl rollout status -f "$rendered" --selector 'cmp.deploy/after-migrations=true' --timeout="$rollout_timeout"
echo "deployed $overlay"
