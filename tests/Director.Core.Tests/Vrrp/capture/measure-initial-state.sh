#!/usr/bin/env bash
# Measures how long keepalived 2.2.7 waits before its first advert with `state MASTER` and
# `state BACKUP` at priority 200, advert_int 1 (run by hand as root; removes what it creates).
# Result on the build machine: both ~3.23 s from launch, i.e. the full master down interval
# (3 * 1 s + 0.21875 s skew): a MASTER-configured non-owner does not take over sooner.
set -euo pipefail
NSA=vrrpm-a NSB=vrrpm-b
WORK=$(mktemp -d /tmp/vrrp-measure.XXXXXX)
cleanup() { ip netns del $NSA 2>/dev/null || true; ip netns del $NSB 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
ip netns add $NSA; ip netns add $NSB
ip link add vma netns $NSA type veth peer name vmb netns $NSB
ip -n $NSA addr add 192.0.2.1/24 dev vma; ip -n $NSB addr add 192.0.2.2/24 dev vmb
ip -n $NSA link set vma up; ip -n $NSB link set vmb up; ip -n $NSA link set lo up
sleep 1
for state in MASTER BACKUP; do
  cat > "$WORK/m.conf" <<CONF
vrrp_instance M {
  state $state
  interface vma
  virtual_router_id 60
  priority 200
  advert_int 1
  virtual_ipaddress { 192.0.2.200/24 }
}
CONF
  ip netns exec $NSB timeout 8 tcpdump -i vmb -U -n -tt 'ip proto 112' 2>/dev/null > "$WORK/$state.txt" &
  TD=$!
  sleep 1
  start=$(date +%s.%N)
  ip netns exec $NSA timeout -s TERM 6 keepalived -n -l -P -f "$WORK/m.conf" -p "$WORK/m.pid" -r "$WORK/m.vpid" >/dev/null 2>&1 || true
  wait $TD || true
  first=$(awk 'NR==1 {print $1}' "$WORK/$state.txt")
  echo "$state: first advert $(echo "$first - $start" | bc) s after launch"
done
