#!/usr/bin/env bash
# nftables data plane apply cost (issue 5 bench a): 1,000 virtual servers x 10 real servers applied
# from nothing as one transaction through libnftables, then one change into that table (remove
# or restore one real server, median/p95 of 100), then a read-back by a fresh backend. Runs in a
# network namespace of its own (removed on exit). Targets: full < 1000 ms, one change < 5 ms.
# WEIGHTS=equal: rr with weight 1 everywhere (default: wrr with weights 1..10).
# COUNTERS="per-service shared": one run per value, alternately, each in a fresh namespace
# (per-service: every rr/wrr service has its own round-robin counter, the default; shared: services
# with the same slot count share one). Unset: the default only. ROUNDS=n repeats the list n times.
# Needs root, nftables/libnftables1. Prints key=value lines.
set -euo pipefail
cd "$(dirname "$0")/.."
ns="lbbench$$"
trap 'ip netns del "$ns" 2>/dev/null || true' EXIT
dotnet build bench/LbApply -c Release -nologo -v q >/dev/null
for round in $(seq "${ROUNDS:-1}"); do
  for counters in ${COUNTERS:-default}; do
    echo "== round $round counters=$counters load $(cut -d' ' -f1-3 /proc/loadavg)"
    ip netns add "$ns"
    COUNTERS="$counters" dotnet bench/LbApply/bin/Release/net10.0/LbApply.dll "$ns" "${SERVICES:-1000}" "${SERVERS:-10}" "${CHANGES:-100}"
    echo "kernel_objects=$(ip netns exec "$ns" nft list ruleset | wc -l)_lines"
    ip netns del "$ns"
  done
done
