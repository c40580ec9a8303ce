#include "sim/core/quantiles.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

using namespace ittsim;

TEST_CASE("deciles by selection equal the ranks of the sorted values, for every size and with ties", "[core]") {
  std::mt19937_64 engine(7);
  std::vector<std::size_t> sizes(60);
  for (std::size_t k = 0; k < sizes.size(); ++k) sizes[k] = k + 1;
  // Large enough that many values share each wanted bin, which is then selected from.
  sizes.insert(sizes.end(), {1000, 20000});
  for (const std::size_t size : sizes) {
    for (const int distinct : {3, 1000, 1000000}) {
      std::uniform_int_distribution<int> value(0, distinct - 1);
      std::vector<double> values(size);
      // Cubed, so that the values crowd at the low end of their range, as in few bins.
      for (auto& v : values) v = std::pow(value(engine) / 7.0, 3);
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
