#!/usr/bin/env bash
# Parley's main job on its embedded default: install what is missing, build, ingest the
# articles in fixtures/articles/ into ./data/parley.db (RocksDB) and serve the API on
# http://127.0.0.1:8080. Extra arguments go to `parley serve` (e.g. --listen 127.0.0.1:9090).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
DB=${PARLEY_DB:-./data/parley.db}
mkdir -p "$(dirname "$DB")"
set +e
./build/parley ingest --db "$DB" fixtures/articles/*.txt
rc=$?
set -e
[ $rc -ne 0 ] && [ $rc -ne 3 ] && exit $rc
./build/parley stats --db "$DB"
exec ./build/parley serve --db "$DB" "$@"
