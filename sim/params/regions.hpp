#pragma once
// The regions a scenario simulates and the fraction of England that makes.

#include "sim/core/types.hpp"
#include "sim/params/parameters.hpp"

#include <array>

namespace ittsim {

// Shares of schools and providers by region (DfE school census 2023/24, rounded).
inline constexpr std::array<double, region_count> region_shares{0.05, 0.14, 0.10, 0.09, 0.11,
                                                                0.12, 0.12, 0.16, 0.11};

// Region shares restricted to the scenario's regions (population.regions), not renormalised.
inline std::array<double, region_count> simulated_region_shares(const PopulationParameters& population) {
  std::array<double, region_count> shares{};
  for (std::size_t r = 0; r < region_count; ++r) {
    if ((population.regions >> r) & 1) shares[r] = region_shares[r];
  }
  return shares;
}

// The fraction of England a scenario simulates: scale times the share of its regions. Every
// national count (schools, HEIs and SCITTs, recruitment) is multiplied by it.
inline double england_fraction(const PopulationParameters& population) {
  double share = 0;
  for (const double region : simulated_region_shares(population)) share += region;
  return population.scale * share;
}

}  // namespace ittsim
