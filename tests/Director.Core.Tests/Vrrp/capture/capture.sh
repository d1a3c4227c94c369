#!/usr/bin/env bash
# Captures real keepalived adverts once, by hand, for the golden-bytes tests.
# Usage: sudo ./capture.sh [OUTDIR]   (needs keepalived, tcpdump, iproute2; run as root)
# Creates namespaces vrrpcap-a / vrrpcap-b joined by a veth pair, runs keepalived in
# vrrpcap-a with each config below, captures in vrrpcap-b, and removes everything on exit.
set -euo pipefail
OUT=${1:-$(mktemp -d /tmp/vrrp-capture.XXXXXX)}
mkdir -p "$OUT"
NSA=vrrpcap-a NSB=vrrpcap-b
KAPID=""; TDPID=""
cleanup() {
  [ -n "$KAPID" ] && kill "$KAPID" 2>/dev/null || true
  [ -n "$TDPID" ] && kill "$TDPID" 2>/dev/null || true
  sleep 0.5
  ip netns del $NSA 2>/dev/null || true
  ip netns del $NSB 2>/dev/null || true
}
trap cleanup EXIT

ip netns add $NSA; ip netns add $NSB
ip link add vcapa netns $NSA type veth peer name vcapb netns $NSB
for ns in $NSA $NSB; do
  ip netns exec $ns sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
done
ip -n $NSA link set lo up; ip -n $NSB link set lo up
ip -n $NSA link set vcapa address 02:00:00:00:00:0a
ip -n $NSB link set vcapb address 02:00:00:00:00:0b
ip -n $NSA addr add 192.0.2.1/24 dev vcapa
ip -n $NSB addr add 192.0.2.2/24 dev vcapb
ip -n $NSA addr add fe80::a/64 dev vcapa nodad
ip -n $NSB addr add fe80::b/64 dev vcapb nodad
ip -n $NSA link set vcapa up; ip -n $NSB link set vcapb up
sleep 1

write_conf() { # name version family-block
  cat > "$OUT/$1.conf" <<CONF
global_defs {
  router_id capture
  vrrp_version $2
  script_user root
  enable_script_security
}
$3
CONF
}

write_conf v2-pass 2 'vrrp_instance V2PASS {
  state MASTER
  interface vcapa
  virtual_router_id 51
  priority 200
  advert_int 1
  authentication {
    auth_type PASS
    auth_pass secret12345
  }
  virtual_ipaddress {
    192.0.2.100/24
    192.0.2.101/24
  }
}'
write_conf v3-ipv4 3 'vrrp_instance V3V4 {
  state MASTER
  interface vcapa
  virtual_router_id 52
  priority 150
  advert_int 0.5
  virtual_ipaddress {
    192.0.2.110/24
  }
}'
write_conf v3-ipv6 3 'vrrp_instance V3V6 {
  state MASTER
  interface vcapa
  virtual_router_id 53
  priority 120
  advert_int 1
  virtual_ipaddress {
    fe80::100/64
    2001:db8::100/64
  }
}'

for name in v2-pass v3-ipv4 v3-ipv6; do
  ip netns exec $NSB tcpdump -i vcapb -U -n -w "$OUT/$name.pcap" 'ip proto 112 or ip6 proto 112' 2>"$OUT/$name.tcpdump.log" &
  TDPID=$!
  sleep 1
  ip netns exec $NSA keepalived -n -l -D -P -f "$OUT/$name.conf" \
     -p "$OUT/$name.pid" -r "$OUT/$name.vrrp.pid" >"$OUT/$name.keepalived.log" 2>&1 &
  KAPID=$!
  sleep 6
  kill -TERM $KAPID; wait $KAPID || true; KAPID=""   # SIGTERM: one priority-0 advert
  sleep 1
  kill $TDPID; wait $TDPID || true; TDPID=""
done
echo "captures in $OUT"
ls -l "$OUT"
