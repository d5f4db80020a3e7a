#!/usr/bin/env bash
# A/B of the no-op throughput scenario: builds the bench of a base commit (from `git archive`, in a temp directory)
# and of the working tree, then runs them alternately, so a change in the machine's load hits both sides alike.
# usage: bench/profile/ab-throughput.sh <base-commit> [workers=16] [rounds=3] [jobs=50000]
set -euo pipefail
base="${1:?usage: ab-throughput.sh <base-commit> [workers] [rounds] [jobs]}"
workers="${2:-16}"; rounds="${3:-3}"; jobs="${4:-50000}"
repo="$(cd "$(dirname "$0")/../.." && pwd)"
base_dir="$(mktemp -d "${TMPDIR:-/tmp}/quell-ab.XXXXXX")"
trap 'rm -rf "$base_dir"' EXIT
git -C "$repo" archive "$base" | tar -x -C "$base_dir"
for tree in "$base_dir" "$repo"; do
  dotnet build -c Release "$tree/bench/Quell.Bench" >/dev/null
done
for round in $(seq 1 "$rounds"); do
  for side in base new; do
    tree="$repo"; [ "$side" = base ] && tree="$base_dir"
    printf '%s round %s, load %s: ' "$side" "$round" "$(cut -d' ' -f1 /proc/loadavg)"
    dotnet "$tree/bench/Quell.Bench/bin/Release/net10.0/Quell.Bench.dll" throughput --jobs "$jobs" --batch 100 \
      --workers "$workers" --runtime quell 2>&1 | grep -E '^Quell' | tr -s ' ' | tr '\n' ' '
    echo
  done
done
