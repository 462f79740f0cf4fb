#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
cd "${PARLEY_BUILD_DIR:-build}"
ctest --output-on-failure -j"$(nproc)" "$@"
