// A tiny blocking HTTP/1.1 client over POSIX sockets, for tests only. It sends the
// request bytes exactly as given (so a test can send a malformed target such as
// "/v1/entities?q=%zz" that a real client library would refuse to build), reads
// one response, and parses status, headers and body (Content-Length, chunked, or
// until the server closes). Every socket call has a timeout, so a hung server fails
// the test instead of hanging it. Thread-compatible: each call uses its own socket.
#ifndef PARLEY_TESTS_API_HTTP_CLIENT_H_
#define PARLEY_TESTS_API_HTTP_CLIENT_H_

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <map>
#include <string>

namespace parley::testing {

struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string error;  // non-empty when no complete response could be read
  bool ok() const { return error.empty(); }
};

namespace internal {

inline std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

inline std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  size_t e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// Decodes a chunked body; false when it is incomplete.
inline bool DecodeChunked(const std::string& in, std::string* out) {
  size_t pos = 0;
  out->clear();
  for (;;) {
    size_t eol = in.find("\r\n", pos);
    if (eol == std::string::npos) return false;
    size_t size = std::strtoul(in.substr(pos, eol - pos).c_str(), nullptr, 16);
    pos = eol + 2;
    if (size == 0) return true;
    if (in.size() < pos + size + 2) return false;
    out->append(in, pos, size);
    pos += size + 2;
  }
}

}  // namespace internal

// Sends `raw` to 127.0.0.1:`port` and reads one response.
inline HttpResult SendRaw(uint16_t port, const std::string& raw, int timeout_seconds = 10) {
  HttpResult result;
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) {
    result.error = std::string("socket: ") + std::strerror(errno);
    return result;
  }
  timeval tv{};
  tv.tv_sec = timeout_seconds;
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    result.error = std::string("connect: ") + std::strerror(errno);
    close(fd);
    return result;
  }
  // A server may answer (413) and stop reading before the whole request is sent:
  // a failed send is not an error as long as a response can be read.
  for (size_t sent = 0; sent < raw.size();) {
    ssize_t n = send(fd, raw.data() + sent, raw.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }

  std::string data;
  char buf[16384];
  size_t header_end = std::string::npos;
  bool closed = false;
  auto read_more = [&]() -> bool {
    ssize_t n = recv(fd, buf, sizeof(buf), 0);
    if (n > 0) {
      data.append(buf, static_cast<size_t>(n));
      return true;
    }
    if (n == 0) closed = true;
    if (n < 0) result.error = std::string("recv: ") + std::strerror(errno);
    return false;
  };
  while ((header_end = data.find("\r\n\r\n")) == std::string::npos) {
    if (!read_more()) {
      if (result.error.empty()) result.error = "connection closed before the response headers";
      close(fd);
      return result;
    }
  }
  std::string head = data.substr(0, header_end);
  std::string rest = data.substr(header_end + 4);
  size_t line_end = head.find("\r\n");
  std::string status_line = head.substr(0, line_end);
  if (status_line.rfind("HTTP/1.", 0) != 0 || status_line.size() < 12) {
    result.error = "bad status line: " + status_line;
    close(fd);
    return result;
  }
  result.status = std::atoi(status_line.c_str() + 9);
  size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
  while (pos < head.size()) {
    size_t eol = head.find("\r\n", pos);
    if (eol == std::string::npos) eol = head.size();
    std::string line = head.substr(pos, eol - pos);
    size_t colon = line.find(':');
    if (colon != std::string::npos) {
      result.headers[internal::Lower(internal::Trim(line.substr(0, colon)))] =
          internal::Trim(line.substr(colon + 1));
    }
    pos = eol + 2;
  }

  data = rest;
  if (auto it = result.headers.find("content-length"); it != result.headers.end()) {
    size_t length = std::strtoul(it->second.c_str(), nullptr, 10);
    while (data.size() < length && read_more()) {
    }
    if (data.size() < length) {
      if (result.error.empty()) result.error = "body shorter than Content-Length";
    } else {
      result.body = data.substr(0, length);
      result.error.clear();
    }
  } else if (internal::Lower(result.headers["transfer-encoding"]) == "chunked") {
    while (!internal::DecodeChunked(data, &result.body) && read_more()) {
    }
    if (!internal::DecodeChunked(data, &result.body)) {
      if (result.error.empty()) result.error = "incomplete chunked body";
    } else {
      result.error.clear();
    }
  } else {
    while (read_more()) {
    }
    result.body = data;
    if (closed) result.error.clear();
  }
  close(fd);
  return result;
}

// GET `target` (sent as written: no encoding is added) with Connection: close.
inline HttpResult Get(uint16_t port, const std::string& target) {
  return SendRaw(port,
                 "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
}

// `method` `target` with `body` and its Content-Length, and `extra_headers` (each
// line ending in "\r\n", e.g. "Authorization: Bearer x\r\n").
inline HttpResult Send(uint16_t port, const std::string& method, const std::string& target,
                       const std::string& body, const std::string& extra_headers = "") {
  return SendRaw(port, method + " " + target +
                           " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                           "Content-Type: application/octet-stream\r\n" +
                           extra_headers + "Content-Length: " + std::to_string(body.size()) +
                           "\r\n\r\n" + body);
}

}  // namespace parley::testing

#endif  // PARLEY_TESTS_API_HTTP_CLIENT_H_
