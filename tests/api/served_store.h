// The fixture most API tests share: a real RocksDB store in a fresh temporary folder,
// filled with articles, optionally a graph projection of it, and Apis over it served
// by real HttpServers on free loopback ports. Each step returns a Status, so a suite's
// SetUpTestSuite can ASSERT on it; Close (or the destructor) stops the servers first,
// then frees the Apis, the graph and the store, and removes the folder.
//
//   served_ = new testing::ServedStore();
//   ASSERT_TRUE(served_->Open("parley_api_test").ok());
//   ASSERT_TRUE(served_->Put({FirstArticle(), SecondArticle()}).ok());
//   ASSERT_TRUE(served_->BuildGraph().ok());                // if the suite needs one
//   ApiOptions options;
//   options.projection = served_->graph();
//   auto port = served_->Serve(options);                    // Result<uint16_t>
//
// Header-only, for tests in tests/api. Not thread-safe (set up and torn down by one
// thread; the servers it starts serve any number).
#ifndef PARLEY_TESTS_API_SERVED_STORE_H_
#define PARLEY_TESTS_API_SERVED_STORE_H_

#include <stdlib.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "api/handlers.h"
#include "api/http_server.h"
#include "graph/core/extraction.h"
#include "graph/core/status.h"
#include "graph/projection.h"
#include "graph/store/store.h"

namespace parley::testing {

class ServedStore {
 public:
  ServedStore() = default;
  ~ServedStore() { Close(); }
  ServedStore(const ServedStore&) = delete;
  ServedStore& operator=(const ServedStore&) = delete;

  // The server options of the tests unless they say otherwise: a free port, 2 threads.
  static api::ServerOptions DefaultServer() {
    api::ServerOptions options;
    options.port = 0;
    options.threads = 2;
    return options;
  }

  // Makes a fresh folder TMP/`name`_XXXXXX and opens a RocksDB store in DIR/db.
  Status Open(const std::string& name, const store::StoreOptions& options = {}) {
    std::string pattern = (std::filesystem::temp_directory_path() / (name + "_XXXXXX")).string();
    if (mkdtemp(pattern.data()) == nullptr) return Status::IOError("mkdtemp " + pattern);
    dir_ = pattern;
    auto opened = store::OpenRocksDbStore(dir_ + "/db", options);
    if (!opened.ok()) return opened.status();
    store_ = std::move(*opened);
    return Status::OK();
  }

  // Stores each article; the first failure, naming the article.
  Status Put(const std::vector<Extraction>& articles) {
    for (const Extraction& x : articles) {
      auto put = store_->PutArticle(x);
      if (!put.ok()) return put.status().WithContext(x.id);
    }
    return Status::OK();
  }

  // Builds the graph projection of what is stored now (graph() is then not null).
  Status BuildGraph() {
    auto snapshot = graph::GraphSnapshot::Build(*store_);
    if (!snapshot.ok()) return snapshot.status();
    graph_ = std::make_unique<graph::GraphProjection>(std::move(*snapshot));
    return Status::OK();
  }

  // Starts one more server, of an Api over the store with `api_options` (set
  // api_options.projection = graph() to serve the graph); its port.
  Result<uint16_t> Serve(api::ApiOptions api_options,
                         api::ServerOptions server_options = DefaultServer()) {
    apis_.push_back(std::make_unique<api::Api>(*store_, std::move(api_options)));
    auto started = api::HttpServer::Start(*apis_.back(), server_options);
    if (!started.ok()) return started.status();
    servers_.push_back(std::move(*started));
    return servers_.back()->port();
  }

  // Stops the servers, then frees the Apis, the graph and the store, and removes the
  // folder. Idempotent.
  void Close() {
    servers_.clear();
    apis_.clear();
    graph_.reset();
    store_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
    dir_.clear();
  }

  store::Store& store() { return *store_; }
  graph::GraphProjection* graph() { return graph_.get(); }
  const std::string& dir() const { return dir_; }
  // The Api and the server started by the i-th Serve.
  const api::Api& api(size_t i = 0) const { return *apis_.at(i); }
  uint16_t port(size_t i = 0) const { return servers_.at(i)->port(); }
  size_t servers() const { return servers_.size(); }

 private:
  std::string dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<graph::GraphProjection> graph_;
  std::vector<std::unique_ptr<api::Api>> apis_;
  std::vector<std::unique_ptr<api::HttpServer>> servers_;
};

}  // namespace parley::testing

#endif  // PARLEY_TESTS_API_SERVED_STORE_H_
