// Runs the built `parley` binary as a user would, for the CLI tests: a shell command
// line after the binary's path, stdout captured, stderr through a file in `dir`.
#ifndef PARLEY_TESTS_CLI_RUN_PARLEY_H_
#define PARLEY_TESTS_CLI_RUN_PARLEY_H_

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace parley::testing {

struct RunResult {
  int status = -1;  // exit status, -1 when it did not exit normally
  std::string out;  // stdout
  std::string err;  // stderr
};

inline RunResult Parley(const std::string& args, const std::filesystem::path& dir) {
  std::filesystem::path err_file = dir / "stderr.txt";
  std::string cmd = std::string(PARLEY_BINARY) + " " + args + " 2>" + err_file.string();
  RunResult run;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return run;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) run.out.append(buf, n);
  int st = pclose(p);
  run.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  std::ifstream in(err_file);
  run.err.assign(std::istreambuf_iterator<char>(in), {});
  return run;
}

}  // namespace parley::testing

#endif  // PARLEY_TESTS_CLI_RUN_PARLEY_H_
