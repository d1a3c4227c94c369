#!/usr/bin/env bash
# Health-check throughput: 1,000 and 10,000 TCP_CHECKs at delay_loop 1 s against accept-and-close
# listeners on 127.0.0.1 (16 ports, served by a separate process so that only the checker's cost
# is measured). Prints key=value lines per run: checks_per_second, cpu_share_of_one_core (user +
# system CPU of the checker process over the window / wall time) and rss_mb.
# Target: 10,000 checks per second under 50% of one core.
set -euo pipefail
cd "$(dirname "$0")/.."
base_port=${BASE_PORT:-42000}
ports=${PORTS:-16}
warmup=${WARMUP_S:-5}
measure=${MEASURE_S:-10}
dotnet build bench/CheckBench -c Release -nologo -v q >/dev/null
bench=bench/CheckBench/bin/Release/net10.0/CheckBench

"$bench" serve --base-port "$base_port" --ports "$ports" --seconds 300 >/dev/null &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
sleep 1

for n in ${CHECKS:-1000 10000}; do
  echo "# run: $n checks"
  timeout $((warmup + measure + 60)) "$bench" check --base-port "$base_port" --ports "$ports" --checks "$n" --warmup "$warmup" --measure "$measure"
done
