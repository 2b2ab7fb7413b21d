#!/usr/bin/env bash
# Installs every Debian package tourney needs to build, test and benchmark.
# Idempotent: installs only what is missing. Needs root (or sudo).
set -euo pipefail

packages=(
  build-essential cmake ccache # compiler and build (ccache: shared across checkouts)
  libcaf-dev                 # the actor framework (core, io, openssl); pulls in libssl3
  nlohmann-json3-dev         # configs, journal, results JSON
  libexpected-dev            # tl::expected for error returns without exceptions
  libcli11-dev               # the command-line interface
  libfmt-dev                 # formatting of messages and reports
  libboost-test-dev          # unit tests
  librapidcheck-dev          # property tests
  libosl-dev                 # test-only oracle for the rules core (differential tests, perft bench)
  clang libclang-rt-14-dev   # libFuzzer targets (scripts/test.sh tier fuzz)
  fairy-stockfish gpsshogi   # real USI engines for tests and example configs
  openssl                    # scripts/make-certs.sh: certificates for the TLS worker tests
  python3-numpy python3-scipy # tests/stats: the independent rating fit (MM algorithm) the league fit is checked against
  chromium                   # tests/app/html_test: the HTML reports opened in a real headless browser
  pybind11-dev               # the Python module tourney (python/): C++ bindings and their CMake config
  python3-dev                # Python.h and the interpreter's CMake details for that module
  python3-pytest             # python/tests: the module's test suite, run by ctest with /usr/bin/python3
  python3-torch              # python/tests, examples/python, bench/python: a real (CPU) PyTorch network as a batched policy
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} == 0)); then
  exit 0
fi
echo "setup: installing ${missing[*]}" >&2
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  sudo_cmd=(sudo)
fi
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
