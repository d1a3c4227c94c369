#!/usr/bin/env bash
# Health-check throughput at delay_loop 1 s against accept-and-close listeners on 127.0.0.1
# (16 ports, served by a separate process). Two parts, key=value lines per run:
#  1. bench: bench/CheckBench runs N TCP_CHECK loops in its own process (the checker code alone);
#  2. daemon: `director run` in a network namespace of its own with a generated keepalived.conf of
#     N/10 virtual servers x 10 real servers, each with a TCP_CHECK (delay_loop 1, connect_ip
#     127.0.0.1, connect_port one of the listeners); the daemon's CPU (utime + stime from
#     /proc/PID/stat over the window after the warm-up, / wall time) and RSS are sampled, and the
#     checks per second are counted by the listeners.
# Loopback charges the listener's half of every handshake (SYN, SYN-ACK, ACK, RST processing in
# softirq) to the connecting process: the kernel share overstates what remote real servers cost.
# Target: 10,000 checks per second under 50% of one core. Needs root for part 2 (PARTS=bench skips it).
set -euo pipefail
cd "$(dirname "$0")/.."
base_port=${BASE_PORT:-42000}
ports=${PORTS:-16}
warmup=${WARMUP_S:-5}
measure=${MEASURE_S:-10}
parts=${PARTS:-bench daemon}
dotnet build bench/CheckBench -c Release -nologo -v q >/dev/null
bench=$PWD/bench/CheckBench/bin/Release/net10.0/CheckBench
director=$PWD/src/Director.Host/bin/Release/net10.0/director
work=$(mktemp -d /tmp/director-checks.XXXXXX)
ns=ckbench$$
pids=()
cleanup() {
  set +e
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
  ip netns del "$ns" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# utime + stime (fields 14 and 15 of /proc/PID/stat) in clock ticks; the command name may hold spaces.
cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }
sys_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{print $13}'; }
rss_mb() { awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"; }
hz=$(getconf CLK_TCK)

if [[ " $parts " == *" bench "* ]]; then
  "$bench" serve --base-port "$base_port" --ports "$ports" --seconds 300 >/dev/null &
  pids+=($!)
  sleep 1
  for n in ${CHECKS:-1000 10000}; do
    echo "# bench: $n checks"
    timeout $((warmup + measure + 60)) "$bench" check --base-port "$base_port" --ports "$ports" --checks "$n" --warmup "$warmup" --measure "$measure"
  done
  kill "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
  pids=()
fi

if [[ " $parts " == *" daemon "* ]]; then
  [[ -x $director && -z ${REBUILD:-} ]] || dotnet build src/Director.Host -c Release -nologo -v q >/dev/null
  ip netns add "$ns"
  ip -n "$ns" link set lo up
  ip netns exec "$ns" "$bench" serve --base-port "$base_port" --ports "$ports" --seconds 900 --count-file "$work/arrived" >/dev/null &
  pids+=($!)
  daemon_warmup=${DAEMON_WARMUP_S:-90}
  for n in ${DAEMON_CHECKS:-1000 10000}; do
    vs=$((n / 10))
    echo "# daemon: $vs virtual servers x 10 real servers, TCP_CHECK, delay_loop 1 s"
    python3 - "$vs" "$base_port" "$ports" >"$work/keepalived.conf" <<'PY'
import sys
vs, base, ports = (int(a) for a in sys.argv[1:4])
print("global_defs {\n    router_id CKBENCH\n}")
k = 0
for v in range(vs):
    print(f"virtual_server 10.201.{v // 250}.{v % 250 + 1} 80 {{\n    delay_loop 1\n    lb_algo rr\n    lb_kind NAT\n    protocol TCP")
    for r in range(10):
        print(f"    real_server 192.168.{v % 250}.{r + 10} 80 {{\n        TCP_CHECK {{\n"
              f"            connect_ip 127.0.0.1\n            connect_port {base + k % ports}\n            connect_timeout 2\n        }}\n    }}")
        k += 1
    print("}")
PY
    STATE_DIRECTORY="$work" ip netns exec "$ns" "$director" run -n -l --lb-backend nftables -f "$work/keepalived.conf" >"$work/daemon.log" 2>&1 &
    daemon=$!
    pids+=("$daemon")
    # Warm-up: until the listeners see 90% of the configured rate for 3 s in a row (start-up of a
    # large configuration, bootstrap delay, warmup), at most DAEMON_WARMUP_S, then 2 s more.
    started=$(date +%s.%N); steady=0; last=$(cat "$work/arrived")
    for _ in $(seq "$daemon_warmup"); do
      sleep 1
      kill -0 "$daemon" 2>/dev/null || { echo "daemon exited early:" >&2; tail -20 "$work/daemon.log" >&2; exit 1; }
      now=$(cat "$work/arrived")
      if (( now - last >= n * 9 / 10 )); then steady=$((steady + 1)); else steady=0; fi
      last=$now
      (( steady >= 3 )) && break
    done
    echo "steady_after_s=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')"
    sleep 2
    c0=$(cpu_ticks "$daemon"); s0=$(sys_ticks "$daemon"); a0=$(cat "$work/arrived"); t0=$(date +%s.%N)

    sleep "$measure"
    c1=$(cpu_ticks "$daemon"); s1=$(sys_ticks "$daemon"); a1=$(cat "$work/arrived"); t1=$(date +%s.%N)
    rss=$(rss_mb "$daemon")
    awk -v n="$n" -v vs="$vs" -v c0="$c0" -v c1="$c1" -v s0="$s0" -v s1="$s1" -v a0="$a0" -v a1="$a1" \
        -v t0="$t0" -v t1="$t1" -v hz="$hz" -v rss="$rss" 'BEGIN {
      w = t1 - t0
      printf "daemon_checks=%d\nvirtual_servers=%d\nreal_servers=%d\ndelay_loop_s=1\nwindow_s=%.2f\n", n, vs, vs * 10, w
      printf "checks_per_second=%.0f\ncpu_share_of_one_core=%.3f\nkernel_share_of_one_core=%.3f\nrss_mb=%s\n", (a1 - a0) / w, (c1 - c0) / hz / w, (s1 - s0) / hz / w, rss
    }'
    echo "down_transitions_logged=$(grep -ci 'down' "$work/daemon.log" || true)"
    echo "load_average_1m=$(cut -d' ' -f1 /proc/loadavg)"
    kill -TERM "$daemon" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$daemon" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$daemon" 2>/dev/null || true
    wait "$daemon" 2>/dev/null || true
    unset 'pids[-1]'
  done
fi
