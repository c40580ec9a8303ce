#include "sim/core/parallel.hpp"

#include <catch2/catch.hpp>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/task_arena.h>

#include <array>
#include <cmath>
#include <vector>

using namespace ittsim;

TEST_CASE("deterministic_sum gives bitwise the same sum on 1, 2 and 8 threads", "[parallel]") {
  // Values of very different magnitudes make floating-point sums depend on their grouping.
  std::vector<double> values;
  for (int i = 0; i < 100000; ++i) values.push_back(std::pow(10.0, i % 17 - 8) * (i % 3 == 0 ? -1.0 : 1.0));
  std::vector<double> sums;
  for (const int threads : {1, 2, 8}) {
    tbb::global_control allowed(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
    tbb::task_arena arena(threads);
    arena.execute([&] { sums.push_back(deterministic_sum(values.size(), [&](std::size_t i) { return values[i]; })); });
  }
  CHECK(sums[0] == sums[1]);
  CHECK(sums[0] == sums[2]);
}

TEST_CASE("for_each_agent visits every agent exactly once", "[parallel]") {
  std::vector<int> visits(10007, 0);
  for_each_agent(visits.size(), [&](std::size_t i) { visits[i] += 1; });
  for (const int count : visits) REQUIRE(count == 1);
}

TEST_CASE("deterministic_sums adds each component as deterministic_sum would alone, on any thread count", "[parallel]") {
  std::vector<double> values;
  for (int i = 0; i < 50000; ++i) values.push_back(std::pow(10.0, i % 13 - 6) * (i % 5 == 0 ? -1.0 : 1.0));
  const auto components = [&](std::size_t i) { return std::array<double, 3>{values[i], 2.0 * values[i], static_cast<double>(i)}; };
  std::vector<std::array<double, 3>> sums;
  for (const int threads : {1, 2, 8}) {
    tbb::global_control allowed(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
    tbb::task_arena arena(threads);
    arena.execute([&] {
      sums.push_back(deterministic_sums<3>(values.size(), components));
      for (std::size_t k = 0; k < 3; ++k) {
        INFO("component " << k << ", " << threads << " threads");
        CHECK(sums.back()[k] == deterministic_sum(values.size(), [&](std::size_t i) { return components(i)[k]; }));
      }
    });
  }
  CHECK(sums[0] == sums[1]);
  CHECK(sums[0] == sums[2]);
  // Integers add exactly: 0 + 1 + ... + 49,999.
  CHECK(sums[0][2] == 49999.0 * 50000.0 / 2.0);
  CHECK(deterministic_sums<2>(0, [](std::size_t) { return std::array<double, 2>{1.0, 1.0}; }) == std::array<double, 2>{});
}
