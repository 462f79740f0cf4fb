// parley: the command-line entry point (extract, ingest, serve). Wiring only.
#include <cstdio>

int main() {
  std::puts("parley: under construction");
  return 0;
}
