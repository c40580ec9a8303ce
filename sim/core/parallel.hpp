#pragma once
// The parallel patterns the engine uses. All give results independent of thread count:
// for_each_agent writes only agent i in call i; deterministic_sum(s) split the range the same
// way for any number of threads (simple partitioner, constant grain) and add in that order.

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_invoke.h>
#include <oneapi/tbb/parallel_reduce.h>

#include <array>
#include <cstddef>
#include <utility>

#if defined(__SANITIZE_THREAD__)
#include <sanitizer/tsan_interface.h>
#endif

namespace ittsim {

inline constexpr std::size_t agent_grain = 2048;

// ThreadSanitizer cannot see oneTBB's own synchronisation when, as in Debian, libtbb is not
// built with it. These annotations state what oneTBB guarantees: what the caller did before
// fork() happens before every chunk, and every chunk happens before join(), after the
// parallel call returns. They add no ordering between chunks, so chunks that touch the same
// data still race, and TSan reports them (the tsan_reports_a_race_in_a_parallel_phase test
// proves it). A chunk acquires before it reads anything, its own closure included, so the
// addresses are fixed ones (they hold no state); fork() hands the closure's address to an
// empty asm first, so that the compiler cannot move the closure's construction past the
// release. Without ThreadSanitizer they are empty.
namespace fork_join {
#if defined(__SANITIZE_THREAD__)
inline char forked_token;
inline char joined_token;
inline void fork(const void* closure) {
  asm volatile("" : : "r"(closure) : "memory");
  __tsan_release(&forked_token);
}
inline void chunk_starts() { __tsan_acquire(&forked_token); }
inline void chunk_ends() { __tsan_release(&joined_token); }
inline void join() { __tsan_acquire(&joined_token); }
#else
inline void fork(const void*) noexcept {}
inline void chunk_starts() noexcept {}
inline void chunk_ends() noexcept {}
inline void join() noexcept {}
#endif
}  // namespace fork_join

// Calls update(i) for i in [0, count), in chunks of about grain.
template <typename Function>
void for_each_index(std::size_t count, std::size_t grain, Function&& update) {
  const auto chunk = [&](const tbb::blocked_range<std::size_t>& range) {
    fork_join::chunk_starts();
    for (std::size_t i = range.begin(); i != range.end(); ++i) update(i);
    fork_join::chunk_ends();
  };
  fork_join::fork(&chunk);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, count, grain), chunk);
  fork_join::join();
}

template <typename Function>
void for_each_agent(std::size_t count, Function&& update) {
  for_each_index(count, agent_grain, std::forward<Function>(update));
}

// For a few large independent parts (e.g. the regions' placement markets): each is a task
// of its own, so that they spread over the threads; part i writes only its own data.
template <typename Function>
void for_each_part(std::size_t count, Function&& update) {
  for_each_index(count, 1, std::forward<Function>(update));
}

// Integer tallies (Tally: default-constructible, with +=) over [0, count): add(i, tally) adds
// item i's. Integer sums do not depend on the order of addition, so any split gives the same.
template <typename Tally, typename Add>
Tally parallel_tally(std::size_t count, Add&& add) {
  const auto chunk = [&](const tbb::blocked_range<std::size_t>& range, Tally partial) {
    fork_join::chunk_starts();
    for (std::size_t i = range.begin(); i != range.end(); ++i) add(i, partial);
    fork_join::chunk_ends();
    return partial;
  };
  const auto join = [](Tally a, const Tally& b) {
    a += b;
    return a;
  };
  fork_join::fork(&chunk);
  Tally tally = tbb::parallel_reduce(tbb::blocked_range<std::size_t>(0, count, agent_grain), Tally{}, chunk, join);
  fork_join::join();
  return tally;
}

// Runs two independent tasks, perhaps at once; each writes only its own data.
template <typename First, typename Second>
void invoke_both(First&& first, Second&& second) {
  const auto task = [](auto& function) {
    fork_join::chunk_starts();
    function();
    fork_join::chunk_ends();
  };
  fork_join::fork(&task);
  tbb::parallel_invoke([&] { task(first); }, [&] { task(second); });
  fork_join::join();
}

template <typename Value>
double deterministic_sum(std::size_t count, Value&& value_of) {
  const auto chunk = [&](const tbb::blocked_range<std::size_t>& range, double partial) {
    fork_join::chunk_starts();
    for (std::size_t i = range.begin(); i != range.end(); ++i) partial += value_of(i);
    fork_join::chunk_ends();
    return partial;
  };
  const auto join = [](double a, double b) { return a + b; };
  fork_join::fork(&chunk);
  const double sum = tbb::parallel_deterministic_reduce(tbb::blocked_range<std::size_t>(0, count, agent_grain), 0.0, chunk, join);
  fork_join::join();
  return sum;
}

// Several sums in one pass: values_of(i) returns a std::array<double, N>. Each component is
// added in the same order as deterministic_sum would add it alone.
template <std::size_t N, typename Values>
std::array<double, N> deterministic_sums(std::size_t count, Values&& values_of) {
  const auto chunk = [&](const tbb::blocked_range<std::size_t>& range, std::array<double, N> partial) {
    fork_join::chunk_starts();
    for (std::size_t i = range.begin(); i != range.end(); ++i) {
      const std::array<double, N> values = values_of(i);
      for (std::size_t k = 0; k < N; ++k) partial[k] += values[k];
    }
    fork_join::chunk_ends();
    return partial;
  };
  const auto join = [](std::array<double, N> a, const std::array<double, N>& b) {
    for (std::size_t k = 0; k < N; ++k) a[k] += b[k];
    return a;
  };
  fork_join::fork(&chunk);
  const auto sums = tbb::parallel_deterministic_reduce(tbb::blocked_range<std::size_t>(0, count, agent_grain),
                                                      std::array<double, N>{}, chunk, join);
  fork_join::join();
  return sums;
}

}  // namespace ittsim
