#pragma once
// The parallel patterns the engine uses. All give results independent of thread count:
// for_each_agent writes only agent i in call i; deterministic_sum(s) split the range the same
// way for any number of threads (simple partitioner, constant grain) and add in that order.

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_reduce.h>

#include <array>
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

// Several sums in one pass: values_of(i) returns a std::array<double, N>. Each component is
// added in the same order as deterministic_sum would add it alone.
template <std::size_t N, typename Values>
std::array<double, N> deterministic_sums(std::size_t count, Values&& values_of) {
  return tbb::parallel_deterministic_reduce(
      tbb::blocked_range<std::size_t>(0, count, agent_grain), std::array<double, N>{},
      [&](const tbb::blocked_range<std::size_t>& range, std::array<double, N> partial) {
        for (std::size_t i = range.begin(); i != range.end(); ++i) {
          const std::array<double, N> values = values_of(i);
          for (std::size_t k = 0; k < N; ++k) partial[k] += values[k];
        }
        return partial;
      },
      [](std::array<double, N> a, const std::array<double, N>& b) {
        for (std::size_t k = 0; k < N; ++k) a[k] += b[k];
        return a;
      });
}

}  // namespace ittsim
