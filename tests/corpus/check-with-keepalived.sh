#!/bin/sh
# Runs `keepalived -t` on every tests/corpus/valid/*.conf inside a throw-away network namespace
# that has the interfaces the files name (eth0, eth1 as veth pairs; keepalived refuses loopback
# and unknown interfaces). Needs root and keepalived. Prints one line per file; exit 1 on any failure.
# Known: lb1.conf and lb2.conf exit 5 because the seed's password is longer than 8 characters
# (keepalived truncates it and counts that as a configuration error).
set -u
ns="director-corpus-$$"
dir=$(cd "$(dirname "$0")/valid" && pwd)
ip netns add "$ns" || exit 2
trap 'ip netns delete "$ns"' EXIT INT TERM
ip netns exec "$ns" sh -e -c '
  ip link set lo up
  for i in 0 1; do ip link add eth$i type veth peer name peer$i; ip link set eth$i up; done'
status=0
for f in "$dir"/*.conf; do
  out=$(ip netns exec "$ns" timeout 20 keepalived -t -f "$f" -l 2>&1); rc=$?
  echo "$(basename "$f"): keepalived -t exit $rc"
  [ -n "$out" ] && echo "$out" | sed 's/^/    /'
  case "$(basename "$f")" in lb1.conf|lb2.conf) [ $rc -eq 5 ] || status=1 ;; *) [ $rc -eq 0 ] || status=1 ;; esac
done
exit $status
