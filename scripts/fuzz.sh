#!/usr/bin/env bash
# scripts/fuzz.sh BUILD_DIR SECONDS: runs every libFuzzer target for a bounded
# time on its seed corpus (tests/fuzz/corpus/<name>/).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$1
seconds=$2
shopt -s nullglob
status=0
for bin in "$dir"/tests/*_fuzz; do
  name=$(basename "$bin")
  corpus="$root/tests/fuzz/corpus/$name"
  work=$(mktemp -d)
  args=("$work")
  [[ -d "$corpus" ]] && args+=("$corpus")
  echo "fuzz: $name for ${seconds}s"
  if ! "$bin" -max_total_time="$seconds" -print_final_stats=1 "${args[@]}" >"$work.log" 2>&1; then
    tail -50 "$work.log"
    status=1
  else
    grep -E "stat::number_of_executed_units|Done" "$work.log" | tail -2 || true
  fi
  rm -rf "$work" "$work.log"
done
exit $status
