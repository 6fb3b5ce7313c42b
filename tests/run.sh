#!/usr/bin/env bash
# Runs every test of BorderWatch: unit, data (real SQLite files), integration (the real app on Kestrel with real
# SignalR clients), component (bUnit) and end-to-end (Playwright driving Debian's Chromium).
# Installs what the tests need first. Ends with one plain line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

scripts/ensure-system-packages.sh libgtk-3-0 opencv-data chromium fonts-noto-core || exit 1

results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"

if ! dotnet build BorderWatch.sln -c Release -nologo -clp:ErrorsOnly; then
  echo "0 passed, 1 failed"
  exit 1
fi

# One project at a time: on two cores the servers and the browser of one suite get the machine to themselves.
status=0
for project in tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" || status=1
done

passed=0
failed=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

if [[ $status -ne 0 && $failed -eq 0 ]]; then
  # dotnet test failed without a failed test (a crash, a missing runner): count it, never report green.
  failed=1
fi

echo "$passed passed, $failed failed"
exit $status
