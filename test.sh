#!/usr/bin/env bash
# Runs every test in the solution and ends with one summary line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"
# Build everything first (the benchmarks too, which `dotnet test` alone would skip), warnings as errors.
dotnet build Quell.slnx -c Release --nologo -v quiet || exit 1
log=$(mktemp)
dotnet test Quell.slnx -c Release --nologo --no-build "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# dotnet test prints one "Passed!/Failed! - Failed: a, Passed: b, Skipped: c, Total: d" line per test assembly.
summary=$(grep -E '(Passed|Failed)!? +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+' "$log" |
  sed -E 's/.*Failed: +([0-9]+), +Passed: +([0-9]+), +Skipped: +([0-9]+).*/\1 \2 \3/' |
  awk '{f+=$1; p+=$2; s+=$3} END {printf "%d passed, %d failed, %d skipped\n", p, f, s}')
rm -f "$log"
echo "$summary"
if [ "$status" -eq 0 ] && [[ "$summary" == 0\ passed* ]]; then
  echo "No test ran." >&2
  exit 1
fi
exit "$status"
