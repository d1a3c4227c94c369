#!/usr/bin/env bash
# Sets up the machine, builds, runs every test project one after another and prints one line
# "N passed, N failed, N skipped" totalled over all of them (the line CI reads).
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
results=artifacts/test-results
rm -rf "$results"; mkdir -p "$results"

if ! dotnet build Director.sln -c Release -nologo -v q; then
  echo "build failed"; echo "0 passed, 1 failed"; exit 1
fi

# The VM tests run the daemon as operators do (published ReadyToRun) inside Debian's kernel,
# downloaded once into the VM cache (scripts/ipvs-vm.sh).
if ! dotnet publish src/Director.Host -c Release -r linux-x64 -o artifacts/vm-director -nologo -v q; then
  echo "publish for the VM tests failed"; echo "0 passed, 1 failed"; exit 1
fi
bash scripts/ipvs-vm.sh prepare || echo "the IPVS test VM could not be prepared: its tests will fail with the reason"

status=0
for project in tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  timeout 1500 dotnet test "$project" -c Release --no-build -nologo \
      --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
      -- RunConfiguration.TestSessionTimeout=1400000 || status=1
  [ -f "$results/$name.trx" ] || { echo "$name produced no results"; status=1; }
done

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
