#pragma once
// The two parallel patterns the engine uses. Both give results independent of thread count:
// for_each_agent writes only agent i in call i; deterministic_sum splits the range the same
// way for any number of threads (simple partitioner, constant grain) and adds in that order.

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_reduce.h>

#include <cstddef>

namespace ittsim {

inline constexpr std::size_t agent_grain = 2048;

template <typename Function>
void for_each_agent(std::size_t count, Function&& update) {
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, count, agent_grain),
                    [&](const tbb::blocked_range<std::size_t>& range) {
                      for (std::size_t i = range.begin(); i != range.end(); ++i) update(i);
                    });
}

template <typename Value>
double deterministic_sum(std::size_t count, Value&& value_of) {
  return tbb::parallel_deterministic_reduce(
      tbb::blocked_range<std::size_t>(0, count, agent_grain), 0.0,
      [&](const tbb::blocked_range<std::size_t>& range, double partial) {
        for (std::size_t i = range.begin(); i != range.end(); ++i) partial += value_of(i);
        return partial;
      },
      [](double a, double b) { return a + b; });
}

}  // namespace ittsim
