// A deliberate data race through for_each_agent: every chunk adds to one shared counter. Built
// only under ThreadSanitizer, where the test that runs it passes only if TSan reports the race,
// showing that the fork_join annotations and tests/tsan.supp hide no race in ittsim's own code.

#include "sim/core/parallel.hpp"

#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/task_arena.h>

#include <cstdio>

int main() {
  tbb::global_control allowed(tbb::global_control::max_allowed_parallelism, 4);
  tbb::task_arena arena(4);
  long shared_total = 0;
  arena.execute([&] { ittsim::for_each_agent(1 << 20, [&](std::size_t i) { shared_total += static_cast<long>(i % 3); }); });
  std::printf("total %ld\n", shared_total);
  return 0;
}
