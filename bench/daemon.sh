#!/usr/bin/env bash
# Daemon bench, director vs keepalived 2.2.7 in the same run, both in a network namespace:
#  1. start to first advert: the time from exec to the first VRRP advert on the wire (tcpdump
#     timestamps in the daemon's namespace), priority 255 (address owner: MASTER at once, no
#     master-down wait), advert_int 1, ROUNDS runs each;
#  2. RSS after start and after an hour-equivalent of activity: VRRPv3 adverts at 0.02 s for 72 s
#     (3,600 adverts, an hour at 1 s), FAILOVERS failovers forced by a higher-priority peer, and
#     for director TCP checks of 4 real servers at delay_loop 0.1 (2,880 checks, about an hour
#     at delay_loop 5). keepalived runs --vrrp (its checker needs IPVS, absent from this kernel).
#     keepalived's RSS is the sum of its processes (parent + VRRP child).
# director runs in two forms: `director` is the build output (JIT only, what the tests start) and
# `director_r2r` the deployed form, `dotnet publish -c Release -r linux-x64 --self-contained false`
# (ReadyToRun, as docker/Dockerfile and deploy/director.service install it). The start rounds
# alternate the daemons so that a change of load hits each alike.
# IMPLS="director director_r2r keepalived" picks the daemons; START_ONLY=1 skips part 2.
# Prints key=value lines. Run as root.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
IMPLS=${IMPLS:-director director_r2r keepalived}
SOAK=${SOAK:-72}
FAILOVERS=${FAILOVERS:-3}
P=dm$$
WORK=$(mktemp -d /tmp/director-daemon-bench.XXXXXX)
director=$PWD/src/Director.Host/bin/Release/net10.0/director
[[ -x $director && -z ${REBUILD:-} ]] || dotnet build src/Director.Host -c Release -nologo -v q >&2
director_r2r=$PWD/bench/out/publish/director
if [[ " $IMPLS " == *" director_r2r "* ]] && [[ ! -x $director_r2r || -n ${REBUILD:-} ]]; then
  dotnet publish src/Director.Host -c Release -r linux-x64 --self-contained false -o bench/out/publish -nologo -v q >&2
fi
keepalived=$(command -v keepalived)

pids=()
cleanup() {
  set +e
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null; done
  for n in d p sw; do
    left=$(ip netns pids "$P-$n" 2>/dev/null); [ -n "$left" ] && kill -9 $left 2>/dev/null
    ip netns del "$P-$n" 2>/dev/null
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ip netns add "$P-sw"; ip -n "$P-sw" link add br0 type bridge; ip -n "$P-sw" link set br0 up
for n in d p; do
  ip netns add "$P-$n"; ip -n "$P-$n" link set lo up
  ip link add eth0 netns "$P-$n" type veth peer name "p$n" netns "$P-sw"
  ip -n "$P-sw" link set "p$n" master br0 up; ip -n "$P-$n" link set eth0 up
done
ip -n "$P-d" addr add 10.214.0.2/24 dev eth0; ip -n "$P-p" addr add 10.214.0.3/24 dev eth0
for i in 1 2 3 4; do
  ip -n "$P-p" addr add 10.214.0.1$i/24 dev eth0
  ip netns exec "$P-p" python3 -m http.server 80 --bind 10.214.0.1$i --directory "$WORK" >/dev/null 2>&1 &
  pids+=($!)
done

# run IMPL CONF LOG: starts the daemon under test in $P-d; echoes the pid to watch
run() {
  local impl=$1 conf=$2 log=$3
  if [ "$impl" != keepalived ]; then
    local exe=$director; [ "$impl" = director_r2r ] && exe=$director_r2r
    STATE_DIRECTORY="$WORK/state" ip netns exec "$P-d" "$exe" run -n -l -f "$conf" -p "$WORK/d.pid" >"$log" 2>&1 &
  else
    ip netns exec "$P-d" "$keepalived" -n -l --vrrp -f "$conf" -p "$WORK/d.pid" -r "$WORK/dv.pid" >"$log" 2>&1 &
  fi
  echo $!
}
stop() { # PID: SIGTERM, then -9 after 10 s
  kill -TERM "$1" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$1" 2>/dev/null || true
}
rss_kb() { # PID: RSS of the process and its children, kB
  local total=0 p
  for p in "$1" $(pgrep -P "$1" || true); do
    total=$(( total + $(awk '/^VmRSS:/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0) ))
  done
  echo "$total"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

cat > "$WORK/start.conf" <<CONF
vrrp_instance VI_START {
    state MASTER
    interface eth0
    virtual_router_id 61
    priority 255
    advert_int 1
    virtual_ipaddress {
        10.214.0.200/24
    }
}
CONF

# 1. start to first advert
for impl in $IMPLS; do : > "$WORK/$impl.start"; done
for r in $(seq "$ROUNDS"); do
  for impl in $IMPLS; do
    ip netns exec "$P-d" tcpdump -i eth0 -n -tt -c 1 'ip proto 112 and src 10.214.0.2' >"$WORK/cap" 2>"$WORK/cap.err" &
    cap=$!
    for _ in $(seq 100); do grep -q "listening on" "$WORK/cap.err" && break; sleep 0.05; done
    t0=$(date +%s.%N)
    pid=$(run "$impl" "$WORK/start.conf" "$WORK/$impl.start.log")
    for _ in $(seq 300); do kill -0 "$cap" 2>/dev/null || break; sleep 0.05; done
    kill "$cap" 2>/dev/null || true; wait "$cap" 2>/dev/null || true
    t1=$(awk 'NR == 1 {print $1}' "$WORK/cap")
    stop "$pid"
    [ -n "$t1" ] && awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.0f\n", (b - a) * 1000}' >> "$WORK/$impl.start"
    sleep 1
  done
done
for impl in $IMPLS; do
  echo "${impl}_start_to_first_advert_ms=$(median < "$WORK/$impl.start") runs=$(paste -sd, "$WORK/$impl.start")"
done
if [ -n "${START_ONLY:-}" ]; then echo "cores=$(nproc) load_average_1m=$(cut -d' ' -f1 /proc/loadavg)"; exit 0; fi

# 2. RSS after start and after an hour-equivalent
cat > "$WORK/peer.conf" <<CONF
global_defs {
    vrrp_version 3
}
vrrp_instance VI_SOAK {
    state BACKUP
    interface eth0
    virtual_router_id 62
    priority 200
    advert_int 0.02
    virtual_ipaddress {
        10.214.0.201/24
    }
}
CONF
for impl in $IMPLS; do
  {
    echo "vrrp_instance VI_SOAK {"
    echo "    state BACKUP"
    echo "    interface eth0"
    echo "    virtual_router_id 62"
    echo "    priority 150"
    [ "$impl" != keepalived ] && echo "    version 3"
    echo "    advert_int 0.02"
    echo "    virtual_ipaddress {"
    echo "        10.214.0.201/24"
    echo "    }"
    echo "}"
    if [ "$impl" != keepalived ]; then
      echo "virtual_server 10.214.0.100 80 {"
      echo "    delay_loop 0.1"
      echo "    lb_algo rr"
      echo "    lb_kind NAT"
      echo "    protocol TCP"
      for i in 1 2 3 4; do
        echo "    real_server 10.214.0.1$i 80 {"
        echo "        TCP_CHECK {"
        echo "            connect_timeout 1"
        echo "        }"
        echo "    }"
      done
      echo "}"
    fi
  } > "$WORK/$impl.soak.conf"
  [ "$impl" = keepalived ] && sed -i '1i global_defs {\n    vrrp_version 3\n}' "$WORK/$impl.soak.conf"

  pid=$(run "$impl" "$WORK/$impl.soak.conf" "$WORK/$impl.soak.log")
  for _ in $(seq 200); do ip -n "$P-d" -br addr | grep -qw 10.214.0.201 && break; sleep 0.05; done
  sleep 5
  rss_start=$(rss_kb "$pid")
  started=$(date +%s)
  step=$(( SOAK / (FAILOVERS + 1) ))
  for f in $(seq "$FAILOVERS"); do
    sleep "$step"
    # the peer preempts (priority 200), then leaves: two transitions of the daemon under test
    ip netns exec "$P-p" "$keepalived" -n -l --vrrp -f "$WORK/peer.conf" -p "$WORK/p.pid" -r "$WORK/pv.pid" >>"$WORK/peer.log" 2>&1 &
    peer=$!
    for _ in $(seq 200); do ip -n "$P-p" -br addr | grep -qw 10.214.0.201 && break; sleep 0.05; done
    sleep 1
    stop "$peer"
    for _ in $(seq 200); do ip -n "$P-d" -br addr | grep -qw 10.214.0.201 && break; sleep 0.05; done
  done
  rest=$(( SOAK - ($(date +%s) - started) )); [ "$rest" -gt 0 ] && sleep "$rest"
  rss_end=$(rss_kb "$pid")
  processes=$(( 1 + $( (pgrep -P "$pid" || true) | wc -l) ))
  elapsed=$(( $(date +%s) - started ))
  if [ "$impl" != keepalived ]; then
    curl_out=$(ip netns exec "$P-d" curl -s -m 5 http://127.0.0.1:8558/metrics || true)
    checks=$(awk '/^director_check_runs_total/ {s += $2} END {printf "%d", s}' <<<"$curl_out")
    sent=$(awk '/^director_vrrp_adverts_sent_total/ {s += $2} END {printf "%d", s}' <<<"$curl_out")
    became=$(awk '/^director_vrrp_became_master_total/ {s += $2} END {printf "%d", s}' <<<"$curl_out")
    echo "${impl}_activity_s=$elapsed adverts_sent=$sent checks=$checks became_master=$became"
  else
    kill -USR2 "$(cat "$WORK/dv.pid")"; sleep 1
    sent=$(awk '/Sent:/ {print $2; exit}' /tmp/keepalived.stats 2>/dev/null || echo "?")
    became=$(awk '/Became master:/ {print $3}' /tmp/keepalived.stats 2>/dev/null || echo "?")
    echo "keepalived_activity_s=$elapsed adverts_sent=$sent checks=0 became_master=$became"
  fi
  stop "$pid"
  echo "${impl}_rss_after_start_kb=$rss_start ${impl}_rss_after_hour_equivalent_kb=$rss_end processes=$processes"
done
echo "failovers=$FAILOVERS advert_interval_s=0.02 cores=$(nproc) load_average_1m=$(cut -d' ' -f1 /proc/loadavg)"
