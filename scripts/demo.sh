#!/usr/bin/env bash
# The main job: the seed's example deployment in network namespaces.
#   client --(10.0.0.0/24, VIP 10.0.0.1)-- LB1, LB2 --(192.168.1.0/24, VIP 192.168.1.1)-- rs1..rs4
# LB1 and LB2 run director with config/lb1.keepalived.conf and config/lb2.keepalived.conf
# unchanged (interfaces eth0/eth1 exist inside their namespaces). The demo shows the VIP owner,
# sends traffic through the VIP, kills LB1, shows LB2 taking over with the client still served,
# brings LB1 back, and removes everything it made (also on Ctrl-C or failure).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
P=${DEMO_PREFIX:-dmo}          # namespace prefix
ROUNDS=${DEMO_REQUESTS:-20}
WORK=$(mktemp -d "/tmp/director-demo-$P.XXXXXX")

[ "$(id -u)" = 0 ] || { echo "demo: run as root (network namespaces)"; exit 1; }

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
ns() { local n=$1; shift; ip netns exec "$P-$n" "$@"; }

cleanup() {
  set +e
  exec 2>/dev/null # the script ends here: no "Killed" job notices for what cleanup kills
  for pidfile in "$WORK"/*.pid; do [ -f "$pidfile" ] && kill -9 "$(cat "$pidfile")" 2>/dev/null; done
  # anything still running inside the demo's namespaces would outlive them
  for n in client lb1 lb2 rs1 rs2 rs3 rs4 pub priv; do
    pids=$(ip netns pids "$P-$n" 2>/dev/null); [ -n "$pids" ] && kill -9 $pids 2>/dev/null
  done
  wait
  for n in client lb1 lb2 rs1 rs2 rs3 rs4 pub priv; do ip netns del "$P-$n" 2>/dev/null; done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -n "${DEMO_DIRECTOR:-}" ]; then
  # an already built director (the integration test runs the demo with its own build)
  DIRECTOR=$DEMO_DIRECTOR
else
  say "setting up (Debian packages, build)"
  bash scripts/setup.sh
  dotnet build src/Director.Host -c Release -nologo -v q >/dev/null
  DIRECTOR=$ROOT/src/Director.Host/bin/Release/net10.0/director
fi

say "network namespaces of the seed's deployment"
for n in client lb1 lb2 rs1 rs2 rs3 rs4 pub priv; do
  ip netns add "$P-$n"; ip -n "$P-$n" link set lo up
done
ns pub ip link add br0 type bridge; ns pub ip link set br0 up
ns priv ip link add br0 type bridge; ns priv ip link set br0 up
plug() { # plug NAMESPACE IFNAME BRIDGE-NS PORT
  ip link add "$2" netns "$P-$1" type veth peer name "$4" netns "$P-$3"
  ns "$3" ip link set "$4" master br0 up
  ns "$1" ip link set "$2" up
}
plug client eth0 pub c0
plug lb1 eth0 pub l1; plug lb2 eth0 pub l2
plug lb1 eth1 priv l1; plug lb2 eth1 priv l2
ns client ip addr add 10.0.0.100/24 dev eth0
ns lb1 ip addr add 10.0.0.2/24 dev eth0;     ns lb2 ip addr add 10.0.0.3/24 dev eth0
ns lb1 ip addr add 192.168.1.2/24 dev eth1;  ns lb2 ip addr add 192.168.1.3/24 dev eth1
for lb in lb1 lb2; do ns $lb sysctl -qw net.ipv4.ip_forward=1; done
for i in 0 1 2 3; do
  rs=rs$((i + 1)); plug $rs eth0 priv r$i
  ns $rs ip addr add 192.168.1.2$i/24 dev eth0
  ns $rs ip route add default via 192.168.1.1
  mkdir -p "$WORK/$rs"; echo "$rs (192.168.1.2$i)" > "$WORK/$rs/index.html"
  # not through the ns function: $! must be the server itself (ip netns exec execs it), not a subshell
  ip netns exec "$P-$rs" python3 -m http.server 80 --bind 192.168.1.2$i --directory "$WORK/$rs" >/dev/null 2>&1 &
  echo $! > "$WORK/$rs.pid"
done
# The directors' first TCP_CHECK must find the servers listening, or they start out of the pool.
for i in 0 1 2 3; do
  for _ in $(seq 50); do ns rs$((i + 1)) curl -s -m 1 -o /dev/null "http://192.168.1.2$i/" && break; sleep 0.1; done
done

start_lb() {
  STATE_DIRECTORY="$WORK/$1" ip netns exec "$P-$1" "$DIRECTOR" run -n -l -f "$ROOT/config/$1.keepalived.conf" >>"$WORK/$1.log" 2>&1 &
  echo $! > "$WORK/$1.pid"
}
holder() { # which LB holds VIP $1
  for lb in lb1 lb2; do ns $lb ip -br addr show up | grep -w "$1" >/dev/null && printf '%s ' $lb; done; echo
}
wait_holder() { # wait until exactly $2 holds VIP $1 (bounded)
  for _ in $(seq 100); do [ "$(holder "$1")" = "$2 " ] && return 0; sleep 0.1; done
  echo "demo: $1 is held by '$(holder "$1")', expected $2"
  for lb in lb1 lb2; do echo "-- $lb log:"; tail -15 "$WORK/$lb.log"; done
  return 1
}
show() {
  say "$1"
  echo "VIP 10.0.0.1 held by:    $(holder 10.0.0.1)"
  echo "VIP 192.168.1.1 held by: $(holder 192.168.1.1)"
}
traffic() {
  local ok=0 fail=0
  : > "$WORK/answers"
  for _ in $(seq "$ROUNDS"); do
    if ns client curl -s --max-time 2 http://10.0.0.1/ >> "$WORK/answers"; then ok=$((ok + 1)); else fail=$((fail + 1)); fi
  done
  echo "requests through the VIP: $ok answered, $fail failed; spread over the real servers:"
  sort "$WORK/answers" | uniq -c | sed 's/^/  /'
}

say "starting director on LB1 (MASTER, priority 100) and LB2 (BACKUP, priority 90)"
start_lb lb1; start_lb lb2
wait_holder 10.0.0.1 lb1; wait_holder 192.168.1.1 lb1
show "LB1 is MASTER of the sync group VG1 (both VIPs)"
say "director status (LB1's management endpoint, 127.0.0.1:8558 inside its namespace)"
ns lb1 "$DIRECTOR" status || true
traffic

say "killing LB1 (kill -9): LB2 must take both VIPs within the master down interval (~3.6 s)"
lb1=$(cat "$WORK/lb1.pid"); kill -9 "$lb1"; wait "$lb1" 2>/dev/null || true; rm "$WORK/lb1.pid"
# A killed daemon cannot remove its VIPs; take LB1's links down as a dead machine would be.
ns lb1 ip link set eth0 down; ns lb1 ip link set eth1 down
start=$(date +%s%N)
for _ in $(seq 100); do ns lb2 ip -br addr show up | grep -w 10.0.0.1 >/dev/null && break; sleep 0.05; done
echo "LB2 took VIP 10.0.0.1 after $(( ($(date +%s%N) - start) / 1000000 )) ms"
wait_holder 192.168.1.1 lb2
show "LB2 is MASTER"
say "director status on LB2"
ns lb2 "$DIRECTOR" status || true
traffic

say "bringing LB1 back: it preempts (higher priority)"
ns lb1 ip addr flush dev eth0 scope global; ns lb1 ip addr flush dev eth1 scope global
ns lb1 ip addr add 10.0.0.2/24 dev eth0; ns lb1 ip addr add 192.168.1.2/24 dev eth1
ns lb1 ip link set eth0 up; ns lb1 ip link set eth1 up
start_lb lb1
wait_holder 10.0.0.1 lb1; wait_holder 192.168.1.1 lb1
show "LB1 is MASTER again"
traffic

say "stopping rs2: its TCP_CHECK fails and LB1 takes it out of the kernel table"
kill $(ip netns pids "$P-rs2"); wait "$(cat "$WORK/rs2.pid")" 2>/dev/null || true; rm "$WORK/rs2.pid"
start=$(date +%s%N)
# bound: connect_timeout 10 + delay_before_retry 1 x retry 1 + delay_loop 6
for _ in $(seq 200); do dests=$(ns lb1 nft list set ip director dests); grep -qw 192.168.1.21 <<<"$dests" || break; sleep 0.1; done
echo "rs2 left LB1's table after $(( ($(date +%s%N) - start) / 1000000 )) ms"
traffic

say "director's log on LB1 (load balancing)"
grep -E "lb:|VS " "$WORK/lb1.log" | sed 's/^/  /' | tail -6

say "director's log on LB2"
grep -E "entering|vrrp:" "$WORK/lb2.log" | sed 's/^/  /' | tail -10
say "done: cleaning up"
