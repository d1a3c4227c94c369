#!/usr/bin/env bash
# Lints docker/: compose.yaml must be valid YAML with the services of the lab (and pass
# `docker compose config` where the compose plugin exists); the Dockerfile goes through hadolint
# when it is installed (Debian does not package it), else through the checks below.
set -euo pipefail
cd "$(dirname "$0")"
python3 - <<'PY'
import sys, yaml
doc = yaml.safe_load(open("compose.yaml"))
services = doc.get("services", {})
need = {"lb1", "lb2", "rs1", "rs2", "rs3", "rs4", "client"}
missing = need - services.keys()
if missing:
    sys.exit(f"compose.yaml: services missing: {sorted(missing)}")
for lb in ("lb1", "lb2"):
    caps = set(services[lb].get("cap_add", []))
    if not {"NET_ADMIN", "NET_RAW"} <= caps:
        sys.exit(f"compose.yaml: {lb} needs cap_add NET_ADMIN and NET_RAW, has {sorted(caps)}")
for name, net in doc.get("networks", {}).items():
    for pool in net["ipam"]["config"]:
        if pool["gateway"].endswith(".1"):
            sys.exit(f"compose.yaml: network {name}: gateway {pool['gateway']} is the VIP")
print("compose.yaml: YAML ok,", len(services), "services")
PY
if docker compose version >/dev/null 2>&1; then
  docker compose -f compose.yaml config --quiet && echo "compose.yaml: docker compose config ok"
fi
if command -v hadolint >/dev/null; then
  hadolint Dockerfile && echo "Dockerfile: hadolint ok"
else
  # What hadolint would flag most often, checked by hand.
  grep -q '^FROM .* AS build' Dockerfile && grep -q '^FROM .* AS runtime' Dockerfile || { echo "Dockerfile: not multi-stage"; exit 1; }
  if grep -E '^FROM [^ ]+:latest' Dockerfile; then echo "Dockerfile: pin image tags"; exit 1; fi
  if grep -q 'apt-get install' Dockerfile && ! grep -q -- '--no-install-recommends' Dockerfile; then echo "Dockerfile: apt-get install without --no-install-recommends"; exit 1; fi
  if grep -q 'apt-get update' Dockerfile && ! grep -q 'rm -rf /var/lib/apt/lists' Dockerfile; then echo "Dockerfile: apt lists not removed"; exit 1; fi
  grep -q '^ENTRYPOINT \[' Dockerfile || { echo "Dockerfile: ENTRYPOINT not in exec form"; exit 1; }
  echo "Dockerfile: checks ok (hadolint not installed)"
fi
