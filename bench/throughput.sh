#!/usr/bin/env bash
# Issue 5 bench (b): HTTP throughput from a client namespace (a) through the VIP with director's
# nftables NAT data plane (the real `director run`, rr over 4 servers), (b) directly to the 4 real
# servers (one wrk thread per server, routed through the director namespace without NAT), and
# (c) through HAProxy in TCP mode (roundrobin) on the director namespace. Same wrk settings for all.
# Real servers: nginx-light, one process each, keep-alive. Everything runs in namespaces removed on exit.
# Env: DURATION (10s) CONNECTIONS (64) THREADS (4, a multiple of 4) CLOSE=1 (a new connection per request).
# Needs root and the Debian packages wrk, haproxy, nginx-light, iproute2, curl, nftables. Prints key=value lines.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lb-lab.sh
duration=${DURATION:-10s}
connections=${CONNECTIONS:-64}
threads=${THREADS:-4}
work=$(mktemp -d /tmp/lbthroughput.XXXXXX)
trap 'lab_down; rm -rf "$work"' EXIT
lab_director_binary >/dev/null
lab_up "lbt$$" "$work"

lab_director "$(lab_virtual_server rr NAT)"
lab_wait "director's virtual server" 30 sh -c "ip netns exec ${LAB}d nft list table ip director | grep -q 10.0.1.4 && ip netns exec ${LAB}c curl -sf -m 1 -o /dev/null http://$LAB_VIP/"

cat >"$work/haproxy.cfg" <<CFG
global
  maxconn 8000
  nbthread 1
defaults
  mode tcp
  timeout connect 2s
  timeout client 30s
  timeout server 30s
listen vip
  bind 10.0.2.1:80
  balance roundrobin
$(for i in $(seq $LAB_SERVERS); do echo "  server rs$i 10.0.1.$i:80"; done)
CFG
ip netns exec "${LAB}d" haproxy -f "$work/haproxy.cfg" -db >"$work/haproxy.log" 2>&1 &
lab_wait haproxy 10 ip netns exec "${LAB}c" curl -sf -m 1 -o /dev/null http://10.0.2.1/

header=()
[[ -n ${CLOSE:-} ]] && header=(-H "Connection: close")
# run NAME URL [wrk args...]: prints NAME_rps, NAME_p50_ms, NAME_p99_ms
run() {
  local name=$1 url=$2 out
  shift 2
  out=$(ip netns exec "${LAB}c" wrk -t "$threads" -c "$connections" -d "$duration" --latency "${header[@]}" "$@" "$url")
  echo "$out" >"$work/wrk-$name.txt"
  awk -v n="$name" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { printf "%s_rps=%.0f\n", n, $2 }
    $1 == "50%" { printf "%s_p50_ms=%.3f\n", n, ms($2) }
    $1 == "99%" { printf "%s_p99_ms=%.3f\n", n, ms($2) }
    /Non-2xx|Socket errors/ { gsub(/^ +/, ""); printf "%s_errors=\"%s\"\n", n, $0 }' <<<"$out"
}

echo "date=$(date -u +%FT%TZ)"
echo "vip_servers=$(for i in $(seq 8); do ip netns exec "${LAB}c" curl -s -m 1 "http://$LAB_VIP/"; done | sort -u | paste -sd,)"
echo "load_before=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' ,)"
echo "wrk=threads:$threads,connections:$connections,duration:$duration,keepalive:$([[ -n ${CLOSE:-} ]] && echo no || echo yes)"
results=$(
  run vip "http://$LAB_VIP/"
  run direct "http://10.0.1.1/" -s bench/wrk-direct.lua
  run haproxy "http://10.0.2.1/"
)
echo "$results"
echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' ,)"
vip=$(sed -n 's/^vip_rps=//p' <<<"$results")
direct=$(sed -n 's/^direct_rps=//p' <<<"$results")
haproxy=$(sed -n 's/^haproxy_rps=//p' <<<"$results")
awk -v v="$vip" -v d="$direct" -v h="$haproxy" 'BEGIN { printf "vip_vs_direct=%.2f\nvip_vs_haproxy=%.2f\n", v / d, v / h }'
