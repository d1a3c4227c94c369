#!/usr/bin/env bash
# Parsing speed: `director check-config` on a generated configuration with 1,000 virtual servers
# x 10 real servers and 255 VRRP instances, process start included; keepalived -t on the same
# file in the same run for comparison. Prints key=value lines.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
out=bench/out; mkdir -p "$out"
dotnet build src/Director.Host -c Release -nologo -v q >/dev/null
director=src/Director.Host/bin/Release/net10.0/director
conf=$out/large.conf
python3 bench/gen-large-config.py 1000 10 255 > "$conf"
echo "config_lines=$(wc -l < "$conf")"
echo "virtual_servers=1000 real_servers=10000 vrrp_instances=255"

best() { sort -n | head -1; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
times=()
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  "$director" check-config -f "$conf" >/dev/null 2>&1 || true
  times+=($(( ($(date +%s%N) - start) / 1000000 )))
done
echo "director_check_config_ms_median=$(printf '%s\n' "${times[@]}" | median)"
echo "director_check_config_ms_best=$(printf '%s\n' "${times[@]}" | best)"
"$director" check-config -f "$conf" >/dev/null 2>"$out/check.err"; echo "director_exit=$? (interfaces eth0-3 need not exist for director)"

# The same model as HOCON: convert (keepalived.conf parse + HOCON write) and check-config on the
# HOCON file (HOCON read + model validation), process start included.
"$director" convert -f "$conf" -o "$out/large.hocon" 2>/dev/null
echo "hocon_bytes=$(wc -c < "$out/large.hocon")"
ctimes=(); htimes=()
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  "$director" convert -f "$conf" -o "$out/large.hocon" >/dev/null 2>&1 || true
  ctimes+=($(( ($(date +%s%N) - start) / 1000000 )))
  start=$(date +%s%N)
  "$director" check-config -f "$out/large.hocon" >/dev/null 2>&1 || true
  htimes+=($(( ($(date +%s%N) - start) / 1000000 )))
done
echo "director_convert_to_hocon_ms_median=$(printf '%s\n' "${ctimes[@]}" | median)"
echo "director_check_config_hocon_ms_median=$(printf '%s\n' "${htimes[@]}" | median)"
"$director" check-config -f "$out/large.hocon" >/dev/null 2>"$out/check-hocon.err"; echo "director_hocon_exit=$?"

if command -v keepalived >/dev/null; then
  ktimes=()
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    keepalived -t -f "$conf" >/dev/null 2>&1 || true
    ktimes+=($(( ($(date +%s%N) - start) / 1000000 )))
  done
  echo "keepalived_t_ms_median=$(printf '%s\n' "${ktimes[@]}" | median)"
fi
echo "target_ms=1000"
