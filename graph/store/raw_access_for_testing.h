// Test-only access to a closed store's database, below the Store interface, so that a
// test can damage a real RocksDB on purpose (delete a record, rewrite a counter) and
// watch Store::Check name it. Keys and column families are those of key_format.h.
// Linked only into tests (library parley::store_testing). Opens the folder itself:
// the store must be closed. Not thread-safe with respect to that folder.
#ifndef PARLEY_GRAPH_STORE_RAW_ACCESS_FOR_TESTING_H_
#define PARLEY_GRAPH_STORE_RAW_ACCESS_FOR_TESTING_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "graph/core/status.h"
#include "graph/store/key_format.h"

namespace parley::store {

// Deletes `key` from column family `cf` of the database in `dir`.
Status RawDeleteForTesting(const std::string& dir, Cf cf, std::string_view key);
// Writes `value` under `key` in column family `cf` of the database in `dir`.
Status RawPutForTesting(const std::string& dir, Cf cf, std::string_view key,
                        std::string_view value);
// Every key and value of column family `cf` of the database in `dir`, in key order.
Status RawScanForTesting(const std::string& dir, Cf cf,
                         std::vector<std::pair<std::string, std::string>>* entries);

}  // namespace parley::store

#endif  // PARLEY_GRAPH_STORE_RAW_ACCESS_FOR_TESTING_H_
