#!/usr/bin/env bash
# scripts/build.sh DIR [cmake args...]: configures (once) and builds a tree.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$1
shift
jobs=${TOURNEY_JOBS:-2}
if [[ ! -f "$dir/CMakeCache.txt" ]]; then
  cmake -S "$root" -B "$dir" "$@" >/dev/null
fi
# TOURNEY_BUILD_TARGETS: build only these targets (space-separated).
targets=()
for t in ${TOURNEY_BUILD_TARGETS:-}; do
  targets+=(--target "$t")
done
cmake --build "$dir" -j"$jobs" "${targets[@]}"
