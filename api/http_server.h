// HttpServer: the REST API (api/handlers.h) served over HTTP/1.1. It is the one
// place that uses cpprestsdk, and its header shows none of it: swapping the HTTP
// library costs one .cc file.
//
// What the server adds to the handlers: percent-decoding of the request target,
// a request body limit (a Content-Length over ServerOptions::max_body_bytes is
// answered 413 and the body is discarded as it arrives, never kept; a chunked body
// is refused with 411), a bounded worker pool, admission control, and a JSON 500 for
// a fault inside the server itself (never for bad input).
//
// Admission control: at most ServerOptions::max_in_flight requests are in flight (from
// the moment their headers are read until their response is sent, body upload
// included). A request over the cap is answered at once 503
// {"error":{"code":"unavailable",...}} with "Retry-After: 1", without reaching the
// handlers, so overload sheds work instead of queueing it without bound. Requests
// cpprestsdk has not yet read (still in socket buffers) are not counted: the kernel's
// backlog, not this cap, bounds those. cpprestsdk runs a handler on the I/O thread that
// read the request, so handlers never run more than `threads` at once; what fills the
// cap is requests still uploading and replies still being written (slow or saturated
// clients). Measured here (2 cores, default cap 128): 400 connections asking for
// 45 KB neighbourhoods got 3 of 4 answers 503, RSS flat; 32 connections never hit it.
//
// CORS is off unless ServerOptions::cors_origins lists origins: then a request whose
// Origin is listed gets Access-Control-Allow-Origin (and Vary: Origin) on its answer
// (every answer: the early 503, 413, 411 and 400 made before routing too),
// and an OPTIONS preflight from it gets 204 allowing GET and POST with Authorization
// and Content-Type. Other origins get no CORS header (the browser then refuses).
//
// Limits of cpprestsdk 2.10 on Linux, measured here: it sends a response only after
// reading the whole declared request body (so a 413 comes after the upload); it
// ignores the listener timeout (an idle connection stayed open > 30 s: a slow client
// costs a socket, not a worker thread); and it answers a request line it cannot parse
// as a URI (e.g. a bad %-escape in the path) with its own empty 400, before our code
// sees it. Every other answer is JSON.
//
// Typical use (`parley serve`):
//   InstallShutdownSignalHandlers();            // before any thread is started
//   auto server = HttpServer::Start(api, options);
//   if (!server.ok()) ...;
//   printf("listening on %s:%u\n", host, (*server)->port());
//   WaitForShutdownSignal();                    // blocks until SIGINT or SIGTERM
//   (*server)->Stop();
//
// Thread-safety: Start, Stop, Wait and port may be called from any thread. The Api
// given to Start must outlive the server. The worker-pool size is process-wide: the
// first server started in a process fixes it.
#ifndef PARLEY_API_HTTP_SERVER_H_
#define PARLEY_API_HTTP_SERVER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "api/handlers.h"
#include "graph/core/status.h"

namespace parley::api {

struct ServerOptions {
  std::string host = "127.0.0.1";   // address to listen on ("0.0.0.0" for every interface)
  uint16_t port = 8080;             // 0: pick a free ephemeral port (see HttpServer::port)
  int threads = 0;                  // worker threads; 0 = the core count, clamped to 2..4
  size_t max_body_bytes = 1 << 20;  // a larger declared request body is refused with 413
  int timeout_seconds = 10;         // listener send/receive timeout (see below)
  int port_attempts = 8;            // with port 0: free ports tried before giving up
  size_t max_in_flight = 0;         // requests in flight before 503; 0 = 64 x worker threads
  // Origins allowed to read answers from a browser (CORS): "https://example.org", or
  // "*" for any. Empty (the default): CORS is off, no Access-Control-* header is sent.
  std::vector<std::string> cors_origins;
};

class HttpServer {
 public:
  // Opens a listener on options.host:options.port and starts serving `api`.
  // With port 0, asks the kernel for a free port and retries with another one if it
  // is taken before the listener binds it. Errors: InvalidArgument for bad options
  // (empty host, threads < 0, timeout < 1), Unavailable when the address cannot be
  // bound (in use, not local), IOError for other listener failures.
  static Result<std::unique_ptr<HttpServer>> Start(const Api& api, ServerOptions options);

  ~HttpServer();  // Stops.
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // The port actually listened on (the chosen one when options.port was 0).
  uint16_t port() const;
  // "http://127.0.0.1:8080"
  std::string base_url() const;

  // Stops serving and closes the listener; idempotent. Wakes every Wait().
  // cpprestsdk quirk: while another HttpServer of the same process still runs, the
  // stopped port may stay open and answer 404 with an empty body; it is released
  // when the last server of the process stops.
  void Stop();

  // Blocks until Stop() is called (from another thread or a signal watcher).
  void Wait();

  class Impl;

 private:
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Asks the kernel for a port free on `host` right now (binds port 0, reads it back,
// closes). Another process may take it before the caller binds it: retry on failure.
// IOError when no socket can be bound on `host`.
Result<uint16_t> PickFreePort(const std::string& host = "127.0.0.1");

// Installs SIGINT and SIGTERM handlers that record the signal for
// WaitForShutdownSignal (instead of killing the process). Idempotent. Call it early
// in main, before a signal could arrive, so the first Ctrl-C is not fatal.
Status InstallShutdownSignalHandlers();

// Blocks until SIGINT or SIGTERM arrives (installing the handlers if needed) and
// returns the signal number. A signal that arrived since the handlers were installed
// returns at once.
int WaitForShutdownSignal();

}  // namespace parley::api

#endif  // PARLEY_API_HTTP_SERVER_H_
