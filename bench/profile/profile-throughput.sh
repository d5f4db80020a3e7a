#!/usr/bin/env bash
# CPU profile of the no-op throughput scenario with perf's cpu-clock sampling (works where hardware counters do not),
# JIT-compiled frames named through the runtime's perf map. Prints the per-phase table and the top methods.
# usage: bench/profile/profile-throughput.sh [jobs] [extra bench flags...]   (build Release first)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jobs="${1:-100000}"; shift || true
out="${TMPDIR:-/tmp}/quell-profile"; mkdir -p "$out"
DOTNET_EnableWriteXorExecute=0 DOTNET_PerfMapEnabled=1 \
  perf record -e cpu-clock -F 999 -g -o "$out/perf.data" -- \
  dotnet "$here/../Quell.Bench/bin/Release/net10.0/Quell.Bench.dll" throughput --jobs "$jobs" --runtime quell "$@"
perf script -i "$out/perf.data" 2>/dev/null > "$out/perf.txt"
python3 "$here/perf-phases.py" 30 phases < "$out/perf.txt"
