#!/usr/bin/env bash
# IPVS apply cost on a real IPVS kernel: Debian's kernel in the test VM (scripts/ipvs-vm.sh, QEMU
# TCG: everything runs far slower than on the host, so only the ratio in the same run means much).
# For SERVICES x SERVERS (default 1,000 x 10, no checkers: every real server is up) it times,
# for keepalived 2.2.7's checker and for director (published ReadyToRun), each in a fresh namespace:
#   first_s   exec -> first service in the kernel (process start, config parse)
#   full_s    exec -> the whole table in the kernel
#   apply_s   full_s - first_s (the table's writes)
#   change_s  SIGHUP with one real server's weight changed -> the new weight in the kernel
# alternately, ROUNDS times (default 2). Prints key=value lines; ratio lines are director / keepalived
# medians. Needs root (installs qemu-system-x86, kmod, busybox-static on first use).
set -euo pipefail
cd "$(dirname "$0")/.."
services=${SERVICES:-1000}; servers=${SERVERS:-10}; rounds=${ROUNDS:-2}
mkdir -p artifacts/bench
dotnet publish src/Director.Host -c Release -r linux-x64 -o artifacts/vm-director -nologo -v q >/dev/null
conf=$(realpath artifacts/bench/ipvs-apply.conf)
python3 bench/gen-large-config.py "$services" "$servers" 0 nocheck > "$conf"
director=$(realpath artifacts/vm-director/director)
expected=$((services * servers))

VM_TIMEOUT_S=3600 bash scripts/ipvs-vm.sh run "
set -u
conf=$conf; director=$director; expected=$expected
dests() { ip netns exec ipvsb ipvsadm -Sn 2>/dev/null | grep -c '^-a' || true; }
now() { date +%s.%N; }
one() { # impl round
  local impl=\$1 d; d=\$(mktemp -d); cp \$conf \$d/k.conf
  ip netns add ipvsb; ip -n ipvsb link set lo up
  local t0; t0=\$(now)
  if [ \$impl = keepalived ]; then
    ip netns exec ipvsb keepalived --check -n -l -f \$d/k.conf -p \$d/k.pid -c \$d/c.pid > \$d/log 2>&1 &
  else
    ip netns exec ipvsb env STATE_DIRECTORY=\$d DIRECTOR_DUMP_DIR=\$d \$director run -n -l -C --lb-backend ipvs -f \$d/k.conf -p \$d/k.pid > \$d/log 2>&1 &
  fi
  local pid=\$! first='' full='' end=\$((SECONDS + 1200))
  while [ -z \"\$full\" ] && ((SECONDS < end)); do
    local n; n=\$(dests)
    [ -z \"\$first\" ] && [ \"\$n\" -gt 0 ] && first=\$(now)
    [ \"\$n\" -ge \$expected ] && full=\$(now)
    sleep 0.05
  done
  sed -i '0,/weight 1\$/s//weight 7/' \$d/k.conf
  local t1; t1=\$(now); kill -HUP \$(cat \$d/k.pid)
  local changed='' end2=\$((SECONDS + 600))
  while [ -z \"\$changed\" ] && ((SECONDS < end2)); do
    ip netns exec ipvsb ipvsadm -Sn -t 10.200.0.1:80 | grep -q -- '-w 7' && changed=\$(now)
    sleep 0.05
  done
  kill -TERM \$pid; wait \$pid 2>/dev/null
  ip netns pids ipvsb | xargs -r kill -9; ip netns del ipvsb; rm -rf \$d
  awk -v i=\$impl -v r=\$2 -v t0=\$t0 -v f=\"\$first\" -v u=\"\$full\" -v t1=\$t1 -v c=\"\$changed\" 'BEGIN {
    if (u == \"\") { print i \"_round\" r \"=incomplete\"; exit }
    printf \"%s_round%s first_s=%.3f full_s=%.3f apply_s=%.3f change_s=%s\n\", i, r, f - t0, u - t0, u - f, (c == \"\" ? \"none\" : sprintf(\"%.3f\", c - t1)) }'
}
modprobe ip_vs; modprobe ip_vs_wrr
for r in \$(seq $rounds); do one keepalived \$r; one director \$r; done
" | tee artifacts/bench/ipvs-apply.out
echo "services=$services servers=$servers rounds=$rounds"
median() { sort -n | awk '{a[NR] = $1} END {if (NR == 0) print "nan"; else if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
for impl in keepalived director; do
  for key in first_s full_s apply_s change_s; do
    echo "${impl}_${key}=$(grep "^${impl}_round" artifacts/bench/ipvs-apply.out | grep -o "$key=[0-9.]*" | cut -d= -f2 | median)"
  done
done | tee artifacts/bench/ipvs-apply.medians
for key in full_s apply_s change_s; do
  k=$(sed -n "s/^keepalived_$key=//p" artifacts/bench/ipvs-apply.medians); d=$(sed -n "s/^director_$key=//p" artifacts/bench/ipvs-apply.medians)
  awk -v k="$k" -v d="$d" -v key="$key" 'BEGIN { if (k > 0) printf "ratio_%s=%.2f\n", key, d / k; else print "ratio_" key "=nan" }'
done
