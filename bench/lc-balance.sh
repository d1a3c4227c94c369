#!/usr/bin/env bash
# Balance error of the connection-aware schedulers on nftables (issue 5): nftables has no least
# connection, so `director run` re-slots lc/wlc/sed/nq from conntrack every
# director.lb.rebalance-interval (1 s). Client: long-lived keep-alive connections at Poisson
# arrivals with exponential lifetimes (bench/lc-balance.py); the error of each arrival is the
# active count of the server it got minus the least active count then (0 for an exact lc), and the
# spread is max - min active over time; the same trace replayed through an exact lc and through rr.
# Env: ALGO (lc) RATE (20/s) LIFETIME (5 s) DURATION (30 s). Needs root, nginx-light, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lb-lab.sh
work=$(mktemp -d /tmp/lbbalance.XXXXXX)
trap 'lab_down; rm -rf "$work"' EXIT
lab_director_binary >/dev/null
lab_up "lbb$$" "$work"
lab_director "$(lab_virtual_server "${ALGO:-lc}" NAT)"
lab_wait "director's virtual server" 30 sh -c "ip netns exec ${LAB}d nft list table ip director | grep -q 10.0.1.4"
echo "date=$(date -u +%FT%TZ) algo=${ALGO:-lc} load=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' ,)"
ip netns exec "${LAB}c" python3 bench/lc-balance.py --rate "${RATE:-20}" --lifetime "${LIFETIME:-5}" --duration "${DURATION:-30}"
