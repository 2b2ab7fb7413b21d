#!/usr/bin/env bash
# The README's run command: installs what is missing, builds, and runs the
# main job on the embedded default config. Extra arguments go to `tourney run`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
"$root/scripts/build.sh" "$root/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo
exec "$root/build/app/tourney" run "$@"
