#include "sim/core/quantiles.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <vector>

using namespace ittsim;

TEST_CASE("deciles by selection equal the ranks of the sorted values, for every size and with ties", "[core]") {
  std::mt19937_64 engine(7);
  for (std::size_t size = 1; size <= 60; ++size) {
    for (const int distinct : {3, 1000}) {
      std::uniform_int_distribution<int> value(0, distinct - 1);
      std::vector<double> values(size);
      for (auto& v : values) v = value(engine) / 7.0;
      std::vector<double> sorted = values;
      std::sort(sorted.begin(), sorted.end());
      const auto at = [&](double q) { return sorted[static_cast<std::size_t>(q * static_cast<double>(size - 1))]; };
      const auto deciles = deciles_1_5_9(values);
      INFO("size " << size << ", " << distinct << " distinct values");
      REQUIRE(deciles[0] == at(0.1));
      REQUIRE(deciles[1] == at(0.5));
      REQUIRE(deciles[2] == at(0.9));
    }
  }
}
