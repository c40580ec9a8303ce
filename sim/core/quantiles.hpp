#pragma once
// Quantiles by selection: the same values for any thread count, in linear time.

#include <algorithm>
#include <array>
#include <cstddef>
#include <vector>

namespace ittsim {

// The 0.1, 0.5 and 0.9 quantiles of values (not empty), each the value of rank
// floor(q (n - 1)) in sorted order, by one selection of the median and then one in each half,
// which the median's selection has already split. Reorders values.
inline std::array<double, 3> deciles_1_5_9(std::vector<double>& values) {
  const auto rank = [&](double q) { return static_cast<std::ptrdiff_t>(q * static_cast<double>(values.size() - 1)); };
  const auto first = values.begin();
  const auto median = first + rank(0.5);
  std::nth_element(first, median, values.end());
  std::nth_element(first, first + rank(0.1), median);
  if (rank(0.9) > rank(0.5)) std::nth_element(median + 1, first + rank(0.9), values.end());
  return {first[rank(0.1)], *median, first[rank(0.9)]};
}

}  // namespace ittsim
