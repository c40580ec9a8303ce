#pragma once
// Quantiles by selection: the same values for any thread count, in linear time.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace ittsim {

// The 0.1, 0.5 and 0.9 quantiles of values (not empty, no NaN), each the value of rank
// floor(q (n - 1)) in sorted order. One pass finds the range and one counts the values into
// equal-width bins, so the bin holding each rank is known; only those bins' values are then
// sorted out by selection. A bin is floor((v - min) * scale), which never decreases as v
// grows, so ranks fall in bins as they do in sorted order and the result is exact.
// Reorders values.
inline std::array<double, 3> deciles_1_5_9(std::vector<double>& values) {
  constexpr std::size_t bins = 1024;
  const std::size_t n = values.size();
  const std::array<std::size_t, 3> ranks{static_cast<std::size_t>(0.1 * static_cast<double>(n - 1)),
                                         static_cast<std::size_t>(0.5 * static_cast<double>(n - 1)),
                                         static_cast<std::size_t>(0.9 * static_cast<double>(n - 1))};
  const auto [lowest, highest] = std::minmax_element(values.begin(), values.end());
  const double low = *lowest;
  const double high = *highest;
  if (low == high) return {low, low, low};
  const double scale = static_cast<double>(bins) / (high - low);
  const auto bin_of = [&](double v) { return std::min(bins - 1, static_cast<std::size_t>((v - low) * scale)); };
  std::array<std::uint32_t, bins> counts{};
  for (const double v : values) counts[bin_of(v)] += 1;
  // For each rank, its bin and its rank among that bin's values.
  std::array<std::size_t, 3> bin{};
  std::array<std::size_t, 3> rank_in_bin{};
  std::size_t below = 0;
  std::size_t next = 0;
  for (std::size_t b = 0; b < bins && next < ranks.size(); ++b) {
    while (next < ranks.size() && ranks[next] < below + counts[b]) {
      bin[next] = b;
      rank_in_bin[next] = ranks[next] - below;
      ++next;
    }
    below += counts[b];
  }
  // Moves the wanted bins' values to the front in one pass (a few per thousand of them), then
  // groups them by bin, bins in ascending order, where there are few to move.
  const auto wanted = [&](std::size_t b) { return b == bin[0] || b == bin[1] || b == bin[2]; };
  std::size_t gathered = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (wanted(bin_of(values[i]))) std::swap(values[gathered++], values[i]);
  }
  std::array<std::size_t, 3> start{};
  std::size_t filled = 0;
  for (std::size_t k = 0; k < ranks.size(); ++k) {
    if (k > 0 && bin[k] == bin[k - 1]) {
      start[k] = start[k - 1];
      continue;
    }
    start[k] = filled;
    const auto kept = std::partition(values.begin() + static_cast<std::ptrdiff_t>(filled),
                                     values.begin() + static_cast<std::ptrdiff_t>(gathered),
                                     [&](double v) { return bin_of(v) == bin[k]; });
    filled = static_cast<std::size_t>(kept - values.begin());
  }
  std::array<double, 3> result{};
  for (std::size_t k = 0; k < ranks.size(); ++k) {
    const auto first = values.begin() + static_cast<std::ptrdiff_t>(start[k]);
    const auto nth = first + static_cast<std::ptrdiff_t>(rank_in_bin[k]);
    std::nth_element(first, nth, first + static_cast<std::ptrdiff_t>(counts[bin[k]]));
    result[k] = *nth;
  }
  return result;
}

}  // namespace ittsim
