// Store::Check for the RocksDB store: a full scan of one snapshot that verifies the
// invariants of the layout in key_format.h. Internal to graph/store (rocksdb_store.cc
// calls it). Reads only; safe to run while the store is written (it sees its snapshot).
#ifndef PARLEY_GRAPH_STORE_STORE_CHECK_H_
#define PARLEY_GRAPH_STORE_STORE_CHECK_H_

#include <string>
#include <vector>

#include "graph/core/status.h"
#include "graph/store/record_codec.h"
#include "graph/store/store.h"

namespace rocksdb {
class ColumnFamilyHandle;
class DB;
class Snapshot;
}  // namespace rocksdb

namespace parley::store {

// Checks the database `db` (whose column families are `cfs`, in kColumnFamilies
// order) as of `snapshot`. `dir` names the database in messages. Problems go into
// the report; a non-OK Result only when reading fails.
Result<CheckReport> CheckDatabase(rocksdb::DB* db,
                                  const std::vector<rocksdb::ColumnFamilyHandle*>& cfs,
                                  const rocksdb::Snapshot* snapshot, const std::string& dir);

// Counts the edges of each kind in out_edges as of `snapshot` (nullptr: latest).
Result<Counters> RecountEdges(rocksdb::DB* db, const std::vector<rocksdb::ColumnFamilyHandle*>& cfs,
                              const rocksdb::Snapshot* snapshot, const std::string& dir);

}  // namespace parley::store

#endif  // PARLEY_GRAPH_STORE_STORE_CHECK_H_
