#!/usr/bin/env bash
# VRRP failover benchmark, director vs keepalived 2.2.7 (Debian packages: keepalived, iproute2; python3).
# Usage (root): bench/failover.sh [--rounds N] [--cases v2:1,v3:0.1,v3:0.02] [--impls director,keepalived]
# Builds director (Release) once, then runs bench/failover.py; prints key=value lines.
set -euo pipefail
cd "$(dirname "$0")/.."
director=src/Director.Host/bin/Release/net10.0/director
if [[ ! -x $director || -n ${REBUILD:-} ]]; then
  dotnet build src/Director.Host -c Release -nologo -v q >&2
fi
exec python3 bench/failover.py --director "$PWD/$director" "$@"
