#!/usr/bin/env bash
# Soak: two directors, VRRPv3 at 0.02 s adverts, both cores loaded by busy loops, for DURATION
# seconds (default 600). Counts spurious transitions: any VIP add/delete after convergence
# (`ip -ts monitor address` in both namespaces) and the instances' transition counters
# (SIGUSR1 status dump) at the start and at the end. Prints key=value lines. Run as root.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-600}
INTERVAL=${INTERVAL:-0.02}
P=sk$$
WORK=$(mktemp -d /tmp/director-soak.XXXXXX)
director=$PWD/src/Director.Host/bin/Release/net10.0/director
[[ -x $director && -z ${REBUILD:-} ]] || dotnet build src/Director.Host -c Release -nologo -v q >&2

pids=()
cleanup() {
  set +e
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null; done
  for n in a b sw; do ip netns del "$P-$n" 2>/dev/null; done
  rm -rf "$WORK"
}
trap cleanup EXIT

ip netns add "$P-sw"; ip -n "$P-sw" link add br0 type bridge; ip -n "$P-sw" link set br0 up
for n in a b; do
  ip netns add "$P-$n"; ip -n "$P-$n" link set lo up
  ip link add eth0 netns "$P-$n" type veth peer name "p$n" netns "$P-sw"
  ip -n "$P-sw" link set "p$n" master br0 up; ip -n "$P-$n" link set eth0 up
done
ip -n "$P-a" addr add 10.213.0.2/24 dev eth0; ip -n "$P-b" addr add 10.213.0.3/24 dev eth0
for n in a b; do
  prio=$([ $n = a ] && echo 150 || echo 100)
  cat > "$WORK/$n.conf" <<CONF
vrrp_instance VI_SOAK {
    state BACKUP
    interface eth0
    virtual_router_id 77
    priority $prio
    version 3
    advert_int $INTERVAL
    virtual_ipaddress {
        10.213.0.100/24
    }
}
CONF
  DIRECTOR_STATUS_FILE=$WORK/$n.json DIRECTOR_DUMP_DIR=$WORK STATE_DIRECTORY=$WORK/$n ip netns exec "$P-$n" "$director" run -n -l -f "$WORK/$n.conf" >"$WORK/$n.log" 2>&1 &
  pids+=($!)
done

for _ in $(seq 100); do ip -n "$P-a" -br addr | grep -qw 10.213.0.100 && break; sleep 0.1; done
sleep 2
transitions() { # NODE: the instance's transition counter from a fresh SIGUSR1 dump
  local n=$1 pid=$2; rm -f "$WORK/$n.json"; kill -USR1 "$pid"
  for _ in $(seq 50); do [ -s "$WORK/$n.json" ] && break; sleep 0.1; done
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(sum(i.get('transitions', i.get('Transitions', 0)) for i in d.get('instances', d.get('Instances', []))))" "$WORK/$n.json"
}
start_a=$(transitions a "${pids[0]}"); start_b=$(transitions b "${pids[1]}")
for n in a b; do ip -n "$P-$n" -ts monitor address > "$WORK/$n.mon" & pids+=($!); done
for _ in 1 2; do timeout "$DURATION" sha256sum /dev/zero >/dev/null & pids+=($!); done
started=$(date +%s)
sleep "$DURATION"
end_a=$(transitions a "${pids[0]}"); end_b=$(transitions b "${pids[1]}")
vip_events=$(cat "$WORK/a.mon" "$WORK/b.mon" | grep -c "10.213.0.100" || true)
holder_a=$(ip -n "$P-a" -br addr | grep -cw 10.213.0.100 || true)
holder_b=$(ip -n "$P-b" -br addr | grep -cw 10.213.0.100 || true)
echo "duration_s=$(( $(date +%s) - started )) advert_interval_s=$INTERVAL busy_loops=2 cores=$(nproc)"
echo "load_average_1m=$(cut -d' ' -f1 /proc/loadavg)"
echo "transitions_master=$((end_a - start_a)) transitions_backup=$((end_b - start_b))"
echo "vip_address_events=$vip_events"
echo "vip_on_master=$holder_a vip_on_backup=$holder_b"
echo "spurious_transitions=$(( end_a - start_a + end_b - start_b ))"
echo "target_spurious_transitions=0"
