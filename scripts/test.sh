#!/usr/bin/env bash
# The README's test command: installs what is missing, then builds and runs
# every test tier CI runs:
#   1. the normal build (RelWithDebInfo, -Werror): all unit, integration and
#      end-to-end tests, plus the libosl differential tests;
#   2. AddressSanitizer + UndefinedBehaviorSanitizer build: the same tests;
#   3. ThreadSanitizer build: the concurrency tests (actors, runtime);
#   4. libFuzzer targets (clang) for the parsers, each for a bounded time.
# Set TOURNEY_TEST_TIERS to a subset (e.g. "normal asan") to run fewer.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
tiers=${TOURNEY_TEST_TIERS:-"normal asan tsan fuzz"}
fuzz_seconds=${TOURNEY_FUZZ_SECONDS:-30}
failed=0
passed=0
run_tier() {
  local name=$1
  shift
  echo "=== tier: $name ==="
  if "$@"; then
    passed=$((passed + 1))
  else
    echo "=== tier $name FAILED ===" >&2
    failed=$((failed + 1))
  fi
}
ctest_in() {
  local dir=$1
  shift
  ctest --test-dir "$dir" --output-on-failure -j2 "$@"
}
for tier in $tiers; do
  case $tier in
    normal)
      run_tier normal bash -c "'$root/scripts/build.sh' '$root/build' -DCMAKE_BUILD_TYPE=RelWithDebInfo && ctest --test-dir '$root/build' --output-on-failure -j2 -L unit"
      ;;
    asan)
      run_tier asan bash -c "'$root/scripts/build.sh' '$root/build-asan' -DCMAKE_BUILD_TYPE=Debug -DTOURNEY_SANITIZE=address,undefined && ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$root/tests/lsan.supp UBSAN_OPTIONS=print_stacktrace=1 ctest --test-dir '$root/build-asan' --output-on-failure -j2 -L unit"
      ;;
    tsan)
      run_tier tsan bash -c "'$root/scripts/build.sh' '$root/build-tsan' -DCMAKE_BUILD_TYPE=Debug -DTOURNEY_SANITIZE=thread -DTOURNEY_OSL_TESTS=OFF && TSAN_OPTIONS='halt_on_error=1 second_deadlock_stack=1 history_size=7 suppressions=$root/tests/tsan.supp' ctest --test-dir '$root/build-tsan' --output-on-failure -j2 -L concurrency"
      ;;
    fuzz)
      # Only the fuzz targets are built in this tree (clang, ASan+UBSan).
      fuzz_targets=$(cd "$root/tests/fuzz" && ls *_fuzz.cpp 2>/dev/null | sed 's/\.cpp$//' | tr '\n' ' ')
      run_tier fuzz bash -c "TOURNEY_BUILD_TARGETS='$fuzz_targets' '$root/scripts/build.sh' '$root/build-fuzz' -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ -DTOURNEY_FUZZ=ON -DTOURNEY_SANITIZE=address,undefined -DTOURNEY_OSL_TESTS=OFF -DBUILD_TESTING=ON && '$root/scripts/fuzz.sh' '$root/build-fuzz' $fuzz_seconds"
      ;;
    slow)
      run_tier slow bash -c "'$root/scripts/build.sh' '$root/build' -DCMAKE_BUILD_TYPE=RelWithDebInfo && ctest --test-dir '$root/build' --output-on-failure -L slow"
      ;;
    *)
      echo "unknown tier $tier" >&2
      failed=$((failed + 1))
      ;;
  esac
done
echo "tiers: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
