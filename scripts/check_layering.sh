#!/usr/bin/env bash
# Keeps the dependency arrows of docs/ARCHITECTURE.md honest (run by ctest):
#   graph/core   standard library only
#   schema       core (+ yaml-cpp, privately)
#   extractors   core, schema -- never the store, never RocksDB
#   graph/store  core -- the only folder that includes RocksDB
#   api          everything; api/http_server.cc is the only file that includes cpprestsdk
set -u
cd "$(dirname "$0")/.."
fail=0
complain() { echo "layering: $*"; fail=1; }

sources() { find "$@" -type f \( -name '*.h' -o -name '*.cc' \) 2>/dev/null; }

# 1. Project includes allowed per folder.
check_project_includes() {
  local dir=$1 allowed=$2
  for f in $(sources "$dir"); do
    # graph/core and graph/store live under graph/: judge each by its own folder.
    case "$dir:$f" in
      graph:graph/core/*|graph:graph/store/*) continue ;;
    esac
    grep -HnoE '^#include "[^"]+"' "$f" | while IFS= read -r line; do
      inc=${line#*\"}; inc=${inc%\"}
      top=${inc%%/*}
      [ "$top" = "graph" ] && { sub=${inc#graph/}; sub=${sub%%/*}; top="graph/$sub"; }
      [[ " $allowed " == *" $top "* ]] || echo "layering: $f includes \"$inc\" (allowed from $dir: $allowed)"
    done
  done
}
out=$(
  check_project_includes graph/core "graph/core"
  check_project_includes schema "graph/core schema"
  check_project_includes extractors "graph/core schema extractors"
  check_project_includes graph/store "graph/core graph/store"
  check_project_includes graph "graph/core graph/store graph/graph.h graph/traversal.h graph/projection.h"
)
[ -n "$out" ] && { echo "$out"; fail=1; }

# 2. Third-party headers confined.
for f in $(grep -rlE '#include <rocksdb/' --include='*.h' --include='*.cc' . 2>/dev/null | grep -v '^./build'); do
  case "$f" in ./graph/store/*) ;; *) complain "$f includes RocksDB (only graph/store/ may)";; esac
done
for f in $(grep -rlE '#include <cpprest/' --include='*.h' --include='*.cc' . 2>/dev/null | grep -v '^./build'); do
  case "$f" in ./api/http_server.cc) ;; *) complain "$f includes cpprestsdk (only api/http_server.cc may)";; esac
done
for f in $(grep -rlE '#include <yaml-cpp/' --include='*.h' --include='*.cc' . 2>/dev/null | grep -v '^./build'); do
  case "$f" in ./schema/*.cc) ;; *) complain "$f includes yaml-cpp (only schema/*.cc may)";; esac
done
for f in $(grep -rlE '#include <boost/graph' --include='*.h' --include='*.cc' . 2>/dev/null | grep -v '^./build'); do
  case "$f" in ./graph/*.cc) ;; *) complain "$f includes Boost.Graph (only graph/*.cc may)";; esac
done
# 3. Core stays on the standard library.
for f in $(sources graph/core); do
  grep -HnE '#include <(rocksdb|yaml-cpp|cpprest|boost|rapidjson|unicode)/' "$f" && fail=1
done

if [ $fail -eq 0 ]; then echo "layering: ok"; fi
exit $fail
