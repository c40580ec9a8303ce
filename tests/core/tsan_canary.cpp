// A deliberate data race through for_each_agent: every chunk adds to one shared counter. Built
// only under ThreadSanitizer, where the test that runs it passes only if TSan reports the race,
// showing that the fork_join annotations and tests/tsan.supp hide no race in ittsim's own code.
//
// TSan reports a race only between two threads, so the chunks must not all run on the caller:
// the chunk that holds agent 0 (the caller's first) pauses, which leaves the rest of the range
// to the workers, and the whole loop runs again, up to 20 times, in case no worker took part
// (a busy machine may not wake them in time). The test sets halt_on_error, which ends the
// process at the first report; run without it, the program goes on and reports failure.

#include "sim/core/parallel.hpp"

#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/task_arena.h>

#include <chrono>
#include <cstdio>
#include <thread>

int main() {
  constexpr int attempts = 20;
  tbb::global_control allowed(tbb::global_control::max_allowed_parallelism, 4);
  tbb::task_arena arena(4);
  long shared_total = 0;
  for (int attempt = 1; attempt <= attempts; ++attempt) {
    arena.execute([&] {
      ittsim::for_each_agent(1 << 20, [&](std::size_t i) {
        if (i == 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
        shared_total += static_cast<long>(i % 3);
      });
    });
  }
  std::printf("no race reported in %d attempts (total %ld): the chunks never ran on two threads\n",
              attempts, shared_total);
  return 1;
}
