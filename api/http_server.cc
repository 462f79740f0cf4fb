// The only file that includes cpprestsdk. Its exceptions stop here: every
// continuation catches, and every failure to start becomes a Status.
#ifndef _TURN_OFF_PLATFORM_STRING
#define _TURN_OFF_PLATFORM_STRING  // cpprest's U() macro breaks GoogleTest templates
#endif

#include "api/http_server.h"

#include <arpa/inet.h>
#include <cpprest/http_listener.h>
#include <cpprest/http_msg.h>
#include <cpprest/uri.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pplx/threadpool.h>
#include <semaphore.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <csignal>
#include <cstring>
#include <exception>
#include <mutex>
#include <set>
#include <thread>
#include <utility>
#include <vector>

namespace parley::api {

namespace http = web::http;
using web::http::experimental::listener::http_listener;
using web::http::experimental::listener::http_listener_config;

namespace {

constexpr size_t kDrainChunkBytes = 64 * 1024;
// ServerOptions::max_in_flight when left 0: in-flight requests per worker thread.
constexpr size_t kInFlightPerThread = 64;

size_t PoolThreads(int threads) {
  return threads > 0 ? static_cast<size_t>(threads)
                     : std::clamp<size_t>(std::thread::hardware_concurrency(), 2, 4);
}

// The pool is process-wide and can be sized only before cpprestsdk first uses it.
void InitThreadPoolOnce(int threads) {
  static std::once_flag once;
  std::call_once(once, [threads] {
    size_t n = PoolThreads(threads);
    try {
      crossplat::threadpool::initialize_with_threads(n);
    } catch (const std::exception&) {
      // Something used cpprestsdk before us and the default pool already exists: keep it.
    }
  });
}

// Observes the outcome of a reply so that a failed send (client gone) is not an
// unobserved task exception, which pplx turns into a crash. `hold` (an in-flight
// slot) is released once the response is sent or the send has failed.
void Observe(pplx::task<void> task, std::shared_ptr<void> hold = nullptr) {
  task.then([hold = std::move(hold)](pplx::task<void> t) {
    try {
      t.get();
    } catch (...) {
      // The client went away or the listener closed: nobody left to tell.
    }
  });
}

void Reply(http::http_request& request, const ApiResponse& api_response,
           std::shared_ptr<void> hold = nullptr) {
  http::http_response response(static_cast<http::status_code>(api_response.status));
  // Bytes, not a std::string: cpprestsdk's string overload reads a char buffer through
  // an unsigned-char streambuf (undefined behaviour that UBSan reports).
  response.headers().set_content_type(api_response.content_type);
  response.set_body(std::vector<unsigned char>(api_response.body.begin(), api_response.body.end()));
  for (const auto& [name, value] : api_response.headers) response.headers().add(name, value);
  Observe(request.reply(response), std::move(hold));
}

void AddCorsHeaders(ApiResponse& response, const std::string& origin);

// A JSON 500, with the CORS headers of `origin` ("" for none).
void ReplyInternalError(http::http_request& request, const char* what,
                        const std::string& origin = "") {
  try {
    ApiResponse response =
        ErrorResponse(Status::Internal(std::string("internal server error: ") + what));
    AddCorsHeaders(response, origin);
    Reply(request, response);
  } catch (...) {
    // Already answered, or the connection is gone.
  }
}

// Reads and discards the rest of a request body we refuse, so that cpprestsdk (which
// reads every body before sending the response) never holds more than a chunk of it.
void Drain(concurrency::streams::streambuf<uint8_t> buf,
           std::shared_ptr<std::vector<uint8_t>> chunk) {
  try {
    buf.getn(chunk->data(), chunk->size()).then([buf, chunk](pplx::task<size_t> t) {
      try {
        if (t.get() > 0) Drain(buf, chunk);
      } catch (...) {
        // Body stream closed or failed: nothing more to discard.
      }
    });
  } catch (...) {
  }
}

void DrainBody(http::http_request& request) {
  try {
    Drain(request.body().streambuf(), std::make_shared<std::vector<uint8_t>>(kDrainChunkBytes));
  } catch (...) {
  }
}

struct Shared {
  const Api* api = nullptr;
  size_t max_body_bytes = 0;
  size_t max_in_flight = 0;
  std::vector<std::string> cors_origins;  // empty: no CORS headers at all
  // Requests admitted and not yet answered: counted from the moment cpprestsdk hands
  // the request over (headers read) until its response is sent, so a request still
  // uploading its body or still being written out holds its slot.
  mutable std::atomic<size_t> in_flight{0};
};

// An admitted request's claim on Shared::in_flight, released when the last copy of
// its shared_ptr goes (after the reply is sent, whichever continuation ends last).
class InFlightSlot {
 public:
  explicit InFlightSlot(std::shared_ptr<const Shared> shared) : shared_(std::move(shared)) {}
  ~InFlightSlot() { shared_->in_flight.fetch_sub(1, std::memory_order_acq_rel); }
  InFlightSlot(const InFlightSlot&) = delete;
  InFlightSlot& operator=(const InFlightSlot&) = delete;

 private:
  std::shared_ptr<const Shared> shared_;
};

ApiResponse OverloadedResponse(size_t limit) {
  ApiResponse response = ErrorResponse(
      Status::Unavailable("server overloaded: " + std::to_string(limit) +
                          " requests already in flight; retry after the delay in Retry-After"));
  response.headers.emplace_back("Retry-After", "1");
  return response;
}

// The Origin of `request` when CORS allows it (it is listed, or "*" is), else "".
std::string AllowedOrigin(const Shared& shared, const http::http_request& request) {
  if (shared.cors_origins.empty()) return "";
  const http::http_headers& headers = request.headers();
  auto it = headers.find("Origin");
  if (it == headers.end() || it->second.empty()) return "";
  for (const std::string& allowed : shared.cors_origins) {
    if (allowed == "*" || allowed == it->second) return it->second;
  }
  return "";
}

void AddCorsHeaders(ApiResponse& response, const std::string& origin) {
  if (origin.empty()) return;
  response.headers.emplace_back("Access-Control-Allow-Origin", origin);
  response.headers.emplace_back("Vary", "Origin");
  response.headers.emplace_back("Access-Control-Expose-Headers",
                                "X-Parley-Truncated, Retry-After, Content-Disposition");
}

void Serve(const std::shared_ptr<const Shared>& shared, http::http_request request) {
  std::string origin;  // the allowed Origin of the request, "" when none
  try {
    const http::http_headers& headers = request.headers();
    uint64_t length = 0;
    if (headers.has(http::header_names::content_length)) length = headers.content_length();

    // Every answer, the early refusals below included, carries the CORS headers of an
    // allowed origin: without them a browser hides even a 503 from the page, which
    // then cannot tell overload (retry later) from a network failure.
    origin = AllowedOrigin(*shared, request);
    auto reply = [&](ApiResponse response, std::shared_ptr<void> hold) {
      AddCorsHeaders(response, origin);
      Reply(request, response, std::move(hold));
    };

    // Admission first, before any parsing: under overload a refusal must cost as
    // little as possible, and never reach the handlers.
    if (shared->in_flight.fetch_add(1, std::memory_order_acq_rel) >= shared->max_in_flight) {
      shared->in_flight.fetch_sub(1, std::memory_order_acq_rel);
      reply(OverloadedResponse(shared->max_in_flight), nullptr);
      if (length > 0 || headers.has(http::header_names::transfer_encoding)) DrainBody(request);
      return;
    }
    std::shared_ptr<void> slot = std::make_shared<InFlightSlot>(shared);
    if (!origin.empty() && request.method() == http::methods::OPTIONS) {
      // A CORS preflight from an allowed origin; any other OPTIONS reaches the router
      // (405).
      ApiResponse preflight;
      preflight.status = 204;
      AddCorsHeaders(preflight, origin);
      preflight.headers.emplace_back("Access-Control-Allow-Methods", "GET, POST");
      preflight.headers.emplace_back("Access-Control-Allow-Headers", "Authorization, Content-Type");
      preflight.headers.emplace_back("Access-Control-Max-Age", "600");
      Reply(request, preflight, slot);
      if (length > 0) DrainBody(request);
      return;
    }

    if (length > shared->max_body_bytes) {
      reply(ErrorResponse(Status::TooLarge("request body of " + std::to_string(length) +
                                           " bytes is over the " +
                                           std::to_string(shared->max_body_bytes) + "-byte limit"),
                          "body"),
            slot);
      DrainBody(request);
      return;
    }
    if (!headers.has(http::header_names::content_length) &&
        headers.has(http::header_names::transfer_encoding)) {
      // A chunked body has no size to check up front.
      reply(ErrorResponse(411, "length_required", "a request body must come with a Content-Length"),
            slot);
      DrainBody(request);
      return;
    }

    std::string failed_input;
    auto parsed = ParseRequestTarget(request.method(), request.request_uri().resource().to_string(),
                                     &failed_input);
    if (!parsed.ok()) {
      reply(ErrorResponse(parsed.status(), failed_input), slot);
      if (length > 0) DrainBody(request);
      return;
    }
    if (headers.has(http::header_names::authorization)) {
      parsed->authorization = headers.find(http::header_names::authorization)->second;
    }
    if (length == 0) {
      reply(shared->api->Handle(*parsed), slot);
      return;
    }
    request.extract_vector().then([shared, request, slot, origin, api_request = std::move(*parsed)](
                                      pplx::task<std::vector<unsigned char>> body) mutable {
      try {
        std::vector<unsigned char> bytes = body.get();
        api_request.body.assign(bytes.begin(), bytes.end());
        ApiResponse response = shared->api->Handle(api_request);
        AddCorsHeaders(response, origin);
        Reply(request, response, slot);
      } catch (const std::exception& e) {
        ReplyInternalError(request, e.what(), origin);
      } catch (...) {
        ReplyInternalError(request, "unknown exception", origin);
      }
    });
  } catch (const std::exception& e) {
    ReplyInternalError(request, e.what(), origin);
  } catch (...) {
    ReplyInternalError(request, "unknown exception", origin);
  }
}

std::string UrlHost(const std::string& host) {
  return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

bool IsAddressUnavailable(int err) {
  return err == EADDRINUSE || err == EADDRNOTAVAIL || err == EACCES;
}

// The host:port pairs our listeners hold in this process. cpprestsdk refuses a
// second listener on the same host:port, and then, when that failed listener is
// destroyed, unregisters the first one (measured with 2.10.18): so a clash inside
// the process is caught here, before cpprestsdk sees it.
class ListenerRegistry {
 public:
  static ListenerRegistry& Get() {
    static ListenerRegistry* registry = new ListenerRegistry();  // never destroyed
    return *registry;
  }
  bool Claim(const std::string& key) {
    std::lock_guard<std::mutex> lock(mu_);
    return keys_.insert(key).second;
  }
  void Release(const std::string& key) {
    std::lock_guard<std::mutex> lock(mu_);
    keys_.erase(key);
  }

 private:
  std::mutex mu_;
  std::set<std::string> keys_;
};

std::string ListenerKey(const std::string& host, uint16_t port) {
  return host + ":" + std::to_string(port);
}

}  // namespace

class HttpServer::Impl {
 public:
  Impl(std::unique_ptr<http_listener> listener, std::string host, uint16_t port)
      : listener_(std::move(listener)), host_(std::move(host)), port_(port) {}

  ~Impl() { Stop(); }

  uint16_t port() const { return port_; }
  const std::string& host() const { return host_; }

  void Stop() {
    std::lock_guard<std::mutex> lock(stop_mu_);
    if (listener_) {
      try {
        listener_->close().wait();
      } catch (...) {
        // Closing a listener whose socket already failed: it is closed either way.
      }
      listener_.reset();
      ListenerRegistry::Get().Release(ListenerKey(host_, port_));
    }
    {
      std::lock_guard<std::mutex> l(mu_);
      stopped_ = true;
    }
    cv_.notify_all();
  }

  void Wait() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return stopped_; });
  }

 private:
  std::mutex stop_mu_;  // serialises Stop
  std::unique_ptr<http_listener> listener_;
  std::string host_;
  uint16_t port_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopped_ = false;
};

namespace {

Result<std::unique_ptr<http_listener>> OpenClaimedListener(
    const std::shared_ptr<const Shared>& shared, const ServerOptions& options, uint16_t port,
    const std::string& where);

// Opens a listener on host:port. Unavailable when the address cannot be bound.
Result<std::unique_ptr<http_listener>> OpenListener(const std::shared_ptr<const Shared>& shared,
                                                    const ServerOptions& options, uint16_t port) {
  std::string where = ListenerKey(options.host, port);
  if (!ListenerRegistry::Get().Claim(where)) {
    return Status::Unavailable("cannot listen on " + where +
                               ": this process already listens there");
  }
  Result<std::unique_ptr<http_listener>> opened = OpenClaimedListener(shared, options, port, where);
  if (!opened.ok()) ListenerRegistry::Get().Release(where);
  return opened;
}

Result<std::unique_ptr<http_listener>> OpenClaimedListener(
    const std::shared_ptr<const Shared>& shared, const ServerOptions& options, uint16_t port,
    const std::string& where) {
  try {
    http_listener_config config;
    config.set_timeout(utility::seconds(options.timeout_seconds));
    web::uri uri("http://" + UrlHost(options.host) + ":" + std::to_string(port) + "/");
    auto listener = std::make_unique<http_listener>(uri, config);
    auto serve = [shared](http::http_request request) { Serve(shared, std::move(request)); };
    listener->support(serve);
    // cpprestsdk answers OPTIONS and TRACE itself (200, echoing a TRACE) unless they
    // have their own handler: route them through ours (CORS preflight, else 405).
    listener->support(http::methods::OPTIONS, serve);
    listener->support(http::methods::TRCE, serve);
    listener->open().wait();
    return listener;
  } catch (const http::http_exception& e) {
    int err = e.error_code().value();
    if (IsAddressUnavailable(err)) {
      return Status::Unavailable("cannot listen on " + where + ": " + e.what());
    }
    return Status::IOError("cannot listen on " + where + ": " + e.what());
  } catch (const std::system_error& e) {
    if (IsAddressUnavailable(e.code().value())) {
      return Status::Unavailable("cannot listen on " + where + ": " + e.what());
    }
    return Status::IOError("cannot listen on " + where + ": " + e.what());
  } catch (const std::exception& e) {
    // A bind failure arrives as a boost::system::system_error: only its text tells.
    std::string what = e.what();
    for (const char* unavailable :
         {"Address already in use", "Cannot assign requested address", "Permission denied"}) {
      if (what.find(unavailable) != std::string::npos) {
        return Status::Unavailable("cannot listen on " + where + ": " + what);
      }
    }
    return Status::IOError("cannot listen on " + where + ": " + what);
  }
}

}  // namespace

Result<std::unique_ptr<HttpServer>> HttpServer::Start(const Api& api, ServerOptions options) {
  if (options.host.empty()) return Status::InvalidArgument("server host is empty");
  if (options.threads < 0) return Status::InvalidArgument("server threads must be >= 0");
  if (options.timeout_seconds < 1) {
    return Status::InvalidArgument("server timeout_seconds must be >= 1");
  }
  for (const std::string& origin : options.cors_origins) {
    const bool ok = origin == "*" ||
                    ((origin.rfind("http://", 0) == 0 || origin.rfind("https://", 0) == 0) &&
                     origin.find_first_of(" \t\r\n,/", origin.find("//") + 2) == std::string::npos);
    if (!ok) {
      return Status::InvalidArgument("CORS origin \"" + origin +
                                     "\" must be \"*\" or scheme://host[:port] (no path)");
    }
  }
  InitThreadPoolOnce(options.threads);
  auto mutable_shared = std::make_shared<Shared>();
  mutable_shared->api = &api;
  mutable_shared->max_body_bytes = options.max_body_bytes;
  mutable_shared->cors_origins = options.cors_origins;
  mutable_shared->max_in_flight = options.max_in_flight > 0
                                      ? options.max_in_flight
                                      : kInFlightPerThread * PoolThreads(options.threads);
  std::shared_ptr<const Shared> shared = std::move(mutable_shared);

  const int attempts = options.port == 0 ? std::max(1, options.port_attempts) : 1;
  Status last = Status::Unavailable("no attempt made");
  for (int i = 0; i < attempts; ++i) {
    uint16_t port = options.port;
    if (port == 0) {
      auto picked = PickFreePort(options.host);
      if (!picked.ok()) return picked.status();
      port = *picked;
    }
    auto listener = OpenListener(shared, options, port);
    if (listener.ok()) {
      auto impl = std::make_unique<Impl>(std::move(*listener), options.host, port);
      return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
    }
    last = listener.status();
    // Only a port taken between picking and binding is worth another try.
    if (last.code() != Status::Code::kUnavailable) break;
  }
  return last;
}

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpServer::~HttpServer() { Stop(); }

uint16_t HttpServer::port() const { return impl_->port(); }

std::string HttpServer::base_url() const {
  return "http://" + UrlHost(impl_->host()) + ":" + std::to_string(impl_->port());
}

void HttpServer::Stop() { impl_->Stop(); }

void HttpServer::Wait() { impl_->Wait(); }

Result<uint16_t> PickFreePort(const std::string& host) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  if (int rc = getaddrinfo(host.c_str(), "0", &hints, &found); rc != 0) {
    return Status::IOError("cannot resolve " + host + ": " + gai_strerror(rc));
  }
  std::string last_error = "no address";
  for (addrinfo* ai = found; ai != nullptr; ai = ai->ai_next) {
    int fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    if (fd < 0) {
      last_error = std::strerror(errno);
      continue;
    }
    if (bind(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
      last_error = std::strerror(errno);
      close(fd);
      continue;
    }
    sockaddr_storage addr{};
    socklen_t len = sizeof(addr);
    uint16_t port = 0;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
      if (addr.ss_family == AF_INET) {
        port = ntohs(reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
      } else if (addr.ss_family == AF_INET6) {
        port = ntohs(reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port);
      }
    } else {
      last_error = std::strerror(errno);
    }
    close(fd);
    if (port != 0) {
      freeaddrinfo(found);
      return port;
    }
  }
  freeaddrinfo(found);
  return Status::IOError("cannot bind a free port on " + host + ": " + last_error);
}

namespace {

volatile std::sig_atomic_t g_shutdown_signal = 0;
sem_t g_shutdown_sem;
std::once_flag g_signal_once;
bool g_signal_installed = false;
std::string g_signal_error;

void OnShutdownSignal(int sig) {
  g_shutdown_signal = sig;
  sem_post(&g_shutdown_sem);  // async-signal-safe
}

}  // namespace

Status InstallShutdownSignalHandlers() {
  std::call_once(g_signal_once, [] {
    if (sem_init(&g_shutdown_sem, 0, 0) != 0) {
      g_signal_error = std::string("sem_init: ") + std::strerror(errno);
      return;
    }
    struct sigaction action {};
    action.sa_handler = OnShutdownSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (int sig : {SIGINT, SIGTERM}) {
      if (sigaction(sig, &action, nullptr) != 0) {
        g_signal_error = std::string("sigaction: ") + std::strerror(errno);
        return;
      }
    }
    g_signal_installed = true;
  });
  if (!g_signal_installed)
    return Status::Internal("cannot install signal handlers: " + g_signal_error);
  return Status::OK();
}

int WaitForShutdownSignal() {
  Status installed = InstallShutdownSignalHandlers();
  if (!installed.ok()) {
    // Without handlers the default action (terminate) still ends the process on a signal.
    for (;;) pause();
  }
  while (sem_wait(&g_shutdown_sem) != 0 && errno == EINTR) {
  }
  return static_cast<int>(g_shutdown_signal);
}

}  // namespace parley::api
