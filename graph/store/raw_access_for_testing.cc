#include "graph/store/raw_access_for_testing.h"

#include <rocksdb/db.h>
#include <rocksdb/options.h>

#include <functional>
#include <memory>
#include <vector>

namespace parley::store {

namespace {

// Opens `dir` with every column family, runs `write` on the handle of `cf`, closes.
Status WithRawDb(
    const std::string& dir, Cf cf,
    const std::function<rocksdb::Status(rocksdb::DB*, rocksdb::ColumnFamilyHandle*)>& write) {
  rocksdb::DBOptions options;
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const char* name : kColumnFamilies) {
    descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(options, dir, descriptors, &handles, &raw);
  if (!s.ok()) return Status::IOError("raw open of " + dir + ": " + s.ToString());
  std::unique_ptr<rocksdb::DB> db(raw);
  s = write(db.get(), handles[cf]);
  for (auto* h : handles) db->DestroyColumnFamilyHandle(h).PermitUncheckedError();
  rocksdb::Status closed = db->Close();
  if (!s.ok()) return Status::IOError("raw write to " + dir + ": " + s.ToString());
  if (!closed.ok()) return Status::IOError("raw close of " + dir + ": " + closed.ToString());
  return Status::OK();
}

rocksdb::Slice ToSlice(std::string_view s) { return rocksdb::Slice(s.data(), s.size()); }

}  // namespace

Status RawDeleteForTesting(const std::string& dir, Cf cf, std::string_view key) {
  return WithRawDb(dir, cf, [&](rocksdb::DB* db, rocksdb::ColumnFamilyHandle* h) {
    return db->Delete(rocksdb::WriteOptions(), h, ToSlice(key));
  });
}

Status RawPutForTesting(const std::string& dir, Cf cf, std::string_view key,
                        std::string_view value) {
  return WithRawDb(dir, cf, [&](rocksdb::DB* db, rocksdb::ColumnFamilyHandle* h) {
    return db->Put(rocksdb::WriteOptions(), h, ToSlice(key), ToSlice(value));
  });
}

Status RawScanForTesting(const std::string& dir, Cf cf,
                         std::vector<std::pair<std::string, std::string>>* entries) {
  entries->clear();
  return WithRawDb(dir, cf, [&](rocksdb::DB* db, rocksdb::ColumnFamilyHandle* h) {
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), h));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      entries->emplace_back(it->key().ToString(), it->value().ToString());
    }
    return it->status();
  });
}

}  // namespace parley::store
