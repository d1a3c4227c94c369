#!/usr/bin/env bash
# Reload time with 1,000 virtual servers x 10 real servers (TCP_CHECK, delay_loop 10 s, against
# accept-and-close listeners on 127.0.0.1 in the namespace: cheap checks) on the nftables
# backend, in a network namespace of its own. The daemon (Release, -C: no VRRP) is started and
# settled; then `director reload` twice: the same file (nothing may change), then one real
# server added to one virtual server. Prints key=value lines: reload_ms is the daemon's own
# time (read, parse, validate, diff, apply), cli_ms the whole `director reload` command
# (includes the CLI's start-up), applied_ms until the new real server is in the kernel table.
# Needs root, nft, iproute2, curl.
set -euo pipefail
cd "$(dirname "$0")/.."
vs_count=${VIRTUAL_SERVERS:-1000}
rs_count=${REAL_SERVERS:-10}
base_port=${BASE_PORT:-42000}
settle=${SETTLE_S:-15}
ns=director-bench-reload-$$
work=$(mktemp -d /tmp/director-reload.XXXXXX)
director=$PWD/src/Director.Host/bin/Release/net10.0/director
[[ -x $director && -z ${REBUILD:-} ]] || dotnet build src/Director.Host -c Release -nologo -v q >&2
dotnet build bench/CheckBench -c Release -nologo -v q >/dev/null
checkbench=$PWD/bench/CheckBench/bin/Release/net10.0/CheckBench

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do timeout 15 tail --pid="$p" -f /dev/null 2>/dev/null || kill -9 "$p" 2>/dev/null || true; done
  ip netns del "$ns" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
ip netns add "$ns"
ip -n "$ns" link set lo up

changed=$((vs_count / 2))
# the ruleset (no handles) contains $1; read whole, as `grep -q` in a pipe would SIGPIPE nft under pipefail
ruleset_has() { local rules; rules=$(ip netns exec "$ns" nft list ruleset 2>/dev/null) || return 1; [[ $rules == *"$1"* ]]; }

# $1: extra real servers of the virtual server in the middle (0 or 1)
config() {
  local extra=$1
  echo "global_defs {"; echo "    router_id bench_reload"; echo "}"
  for ((i = 0; i < vs_count; i++)); do
    echo "virtual_server 10.200.$((i / 250)).$((i % 250 + 1)) 80 {"
    echo "    delay_loop 10"; echo "    lb_algo rr"; echo "    lb_kind NAT"; echo "    protocol TCP"
    local n=$rs_count
    ((i == changed)) && n=$((rs_count + extra))
    for ((r = 0; r < n; r++)); do
      echo "    real_server 127.0.0.1 $((base_port + r)) {"
      echo "        TCP_CHECK {"; echo "            connect_timeout 2"; echo "        }"
      echo "    }"
    done
    echo "}"
  done
}

ip netns exec "$ns" "$checkbench" serve --base-port "$base_port" --ports $((rs_count + 1)) --seconds 3600 >/dev/null &
pids+=($!)
config 0 >"$work/keepalived.conf"
STATE_DIRECTORY="$work" ip netns exec "$ns" "$director" run -n -l -C --lb-backend nftables -f "$work/keepalived.conf" -p "$work/director.pid" >"$work/daemon.log" 2>&1 &
daemon=$!
pids+=($daemon)

last_vs="10.200.$(((vs_count - 1) / 250)).$(((vs_count - 1) % 250 + 1))"
for ((t = 0; t < 240; t++)); do
  ip netns exec "$ns" curl -s -m 2 -o /dev/null -w '%{http_code}' http://127.0.0.1:8558/health/ready 2>/dev/null | grep -q 200 \
    && ruleset_has "$last_vs" && break
  kill -0 "$daemon" 2>/dev/null || { cat "$work/daemon.log" >&2; exit 1; }
  sleep 0.5
done
sleep "$settle"

reload() { # prints: reload_ms changes cli_ms
  local start end out
  start=$(date +%s%N)
  out=$(ip netns exec "$ns" "$director" reload --json)
  end=$(date +%s%N)
  python3 -c 'import json,sys; o=json.loads(sys.argv[1]); assert o["ok"], o; print("%.1f %d %.1f" % (o["elapsedMs"], len(o["changes"]), (int(sys.argv[3])-int(sys.argv[2]))/1e6)); [print("#", c, file=sys.stderr) for c in o["changes"]]' "$out" "$start" "$end"
}

rules_before=$(ip netns exec "$ns" nft -a list ruleset | sha256sum)
read -r same_ms same_changes same_cli < <(reload)
sleep 2
rules_after=$(ip netns exec "$ns" nft -a list ruleset | sha256sum)

config 1 >"$work/keepalived.conf"
start=$(date +%s%N)
read -r change_ms change_changes change_cli < <(reload)
new_port=$((base_port + rs_count))
for ((t = 0; t < 200; t++)); do
  ruleset_has "$new_port" && break
  sleep 0.02
done
applied_ms=$(( ($(date +%s%N) - start) / 1000000 ))
ruleset_has "$new_port" || applied_ms=timeout

rss_kb=$(awk '/VmRSS/ {print $2}' /proc/"$(cat "$work/director.pid")"/status)
echo "virtual_servers=$vs_count real_servers=$((vs_count * rs_count)) checker=TCP_CHECK delay_loop_s=10 backend=nftables"
echo "load_average_1m=$(cut -d' ' -f1 /proc/loadavg)"
echo "unchanged_reload_ms=$same_ms unchanged_changes=$same_changes unchanged_cli_ms=$same_cli ruleset_identical=$([[ $rules_before == "$rules_after" ]] && echo yes || echo no)"
echo "one_change_reload_ms=$change_ms one_change_changes=$change_changes one_change_cli_ms=$change_cli one_change_applied_ms=$applied_ms"
echo "rss_mb=$((rss_kb / 1024))"
