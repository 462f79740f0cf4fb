#!/usr/bin/env bash
# Installs the Debian packages Parley needs (only when one is missing) and builds it in
# Release into build/. Idempotent; runs as root with no prompt. Used by run.sh and test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  build-essential cmake pkg-config git
  librocksdb-dev libboost-graph-dev libcpprest-dev libssl-dev libyaml-cpp-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libicu-dev iso-codes rapidjson-dev libsimdjson-dev libxxhash-dev libcli11-dev libhowardhinnant-date-dev
  libjemalloc-dev
  python3 python3-networkx graphviz curl
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

BUILD_DIR=${PARLEY_BUILD_DIR:-build}
CMAKE_ARGS=(-DCMAKE_BUILD_TYPE=Release)
[ "${CI:-}" = "true" ] && CMAKE_ARGS+=(-DPARLEY_WERROR=ON)
cmake -S . -B "$BUILD_DIR" "${CMAKE_ARGS[@]}" ${PARLEY_CMAKE_ARGS:-} >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)"
