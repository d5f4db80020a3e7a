#!/usr/bin/env bash
# Runs every test in the solution, then the Node suites — MCP and AG-UI conformance, the dashboard in Chromium
# (QUELL_SKIP_CONFORMANCE=1 skips them) — and ends
# with one summary line adding both: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"
# Build everything first (the benchmarks too, which `dotnet test` alone would skip), warnings as errors.
dotnet build Quell.slnx -c Release --nologo -v quiet || exit 1
log=$(mktemp)
failures=$(mktemp)
dotnet test Quell.slnx -c Release --nologo --no-build "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# dotnet test prints one "Passed!/Failed! - Failed: a, Passed: b, Skipped: c, Total: d" line per test assembly.
counts=$(grep -E '(Passed|Failed)!? +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+' "$log" |
  sed -E 's/.*Failed: +([0-9]+), +Passed: +([0-9]+), +Skipped: +([0-9]+).*/\1 \2 \3/' |
  awk '{f+=$1; p+=$2; s+=$3} END {printf "%d %d %d\n", p, f, s}')
read -r passed failed skipped <<<"$counts"
# The names of failed tests and the first lines of their messages, repeated at the very end where a truncated log
# still shows them.
awk '/^ +Failed [^ !]/ { shown = 0; keep = 1; sub(/^ +/, ""); print; next }
     /^ +Stack Trace:/ || /^ +(Passed|Skipped) / { keep = 0 }
     keep && shown < 40 && !/^ +Error Message:/ { print "    " $0; shown++ }' "$log" >>"$failures"

# Conformance suites (Node): the official TypeScript MCP SDK client against `quell mcp` and `/mcp`, and the official MCP
# conformance suite's server scenarios against `/mcp` (tests/conformance/mcp), and the official @ag-ui/client against Quell's AG-UI streams (tests/conformance/agui).
dll="$PWD/src/Quell.Cli/bin/Release/net10.0/quell.dll"
node_status=0
run_node_suite() {
  local conf=$1 status=0
  # npm ci only when node_modules is missing or older than the lock file.
  if [ ! -d "$conf/node_modules" ] || [ "$conf/package-lock.json" -nt "$conf/node_modules" ]; then
    (cd "$conf" && npm ci --no-audit --no-fund) || status=1
  fi
  local np= nf= ns= nt=
  if [ "$status" -eq 0 ]; then
    (cd "$conf" && QUELL_DLL="$dll" node --test) 2>&1 | tee "$log"
    status=${PIPESTATUS[0]}
    grep -E '^not ok ' "$log" | sed -E "s|^|$conf: |" >>"$failures"
    # node --test ends with "# pass N", "# fail N", "# skipped N", "# todo N" (todo: known bugs, counted as skipped).
    node_count() { grep -E "^# $1 [0-9]+$" "$log" | tail -n 1 | awk '{print $3}'; }
    np=$(node_count pass); nf=$(node_count fail); ns=$(node_count skipped); nt=$(node_count todo)
    if [ -z "$np" ] || [ -z "$nf" ]; then echo "The Node run in $conf printed no summary." >&2; status=1; fi
    passed=$((passed + ${np:-0})); failed=$((failed + ${nf:-0})); skipped=$((skipped + ${ns:-0} + ${nt:-0}))
  fi
  [ "$status" -ne 0 ] && [ "${nf:-0}" -eq 0 ] && failed=$((failed + 1))
  [ "$status" -ne 0 ] && node_status=$status
  return 0
}
if [ -z "${QUELL_SKIP_CONFORMANCE:-}" ]; then
  run_node_suite tests/conformance/mcp
  run_node_suite tests/conformance/agui
  # The dashboard in Debian's Chromium (playwright-core); screenshots land in tests/e2e/screenshots/.
  run_node_suite tests/e2e
fi
rm -f "$log"
if [ -s "$failures" ]; then
  echo "Failed tests:"
  sed 's/^/  /' "$failures"
fi
rm -f "$failures"
summary="$passed passed, $failed failed, $skipped skipped"
echo "$summary"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
[ "$status" -ne 0 ] && exit "$status"
exit "$node_status"
