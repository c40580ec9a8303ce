#pragma once
// The schools of each region and phase in a grid of squares over the British National Grid,
// so that the schools within a distance of a point are found by visiting a few squares
// rather than every school of the region.

#include "sim/core/agents.hpp"
#include "sim/core/types.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace ittsim {

class SchoolGrid {
 public:
  // The most columns of squares a search may visit: searches whose radius spans more squares
  // than this are refused by build's callers (their squares are made wider instead).
  static constexpr std::int64_t max_squares_per_radius = 16;
  static constexpr std::size_t max_spans = 2 * max_squares_per_radius + 1;

  // Indexes schools in squares of cell_km km; within a square, in id order.
  void build(const Schools& schools, double cell_km);
  double cell_km() const noexcept { return cell_km_; }

  // Calls visit(std::span<const SchoolId>) for each column of squares of the region and phase
  // that may hold a school within radius_km of the point, west to east, each span south to
  // north: every such school is in exactly one span (some beyond radius_km are too). At most
  // max_spans spans while radius_km <= max_squares_per_radius * cell_km().
  template <typename Visit>
  void for_each_span(Region region, Phase phase, double easting_km, double northing_km, double radius_km, Visit&& visit) const {
    const Layer& layer = layers_[layer_index(region, phase)];
    if (layer.schools.empty()) return;
    const auto reach = static_cast<std::int64_t>(std::ceil(radius_km / layer.cell_km));
    const std::int64_t column = cell_of(easting_km - layer.west_km, layer.cell_km, layer.columns);
    const std::int64_t row = cell_of(northing_km - layer.south_km, layer.cell_km, layer.rows);
    const std::int64_t first_row = std::max<std::int64_t>(0, row - reach);
    const std::int64_t last_row = std::min(layer.rows - 1, row + reach);
    if (first_row > last_row) return;
    for (std::int64_t c = std::max<std::int64_t>(0, column - reach); c <= std::min(layer.columns - 1, column + reach); ++c) {
      const auto begin = layer.cell_start[static_cast<std::size_t>(c * layer.rows + first_row)];
      const auto end = layer.cell_start[static_cast<std::size_t>(c * layer.rows + last_row + 1)];
      if (begin < end) visit(std::span<const SchoolId>(layer.schools.data() + begin, end - begin));
    }
  }

  // The school of the region and phase nearest the point within radius_km for which
  // accept(school) holds (the lower id among equally near ones), or no_id. Searches rings of
  // squares outwards and stops once no nearer school can lie in the next ring.
  template <typename Accept>
  SchoolId nearest(const Schools& schools, Region region, Phase phase, double easting_km, double northing_km, double radius_km,
                   Accept&& accept) const {
    const Layer& layer = layers_[layer_index(region, phase)];
    SchoolId best = no_id;
    if (layer.schools.empty()) return best;
    double best_squared = radius_km * radius_km;
    const auto consider = [&](std::int64_t column, std::int64_t first_row, std::int64_t last_row) {
      first_row = std::max<std::int64_t>(0, first_row);
      last_row = std::min(layer.rows - 1, last_row);
      if (column < 0 || column >= layer.columns || first_row > last_row) return;
      const auto begin = layer.cell_start[static_cast<std::size_t>(column * layer.rows + first_row)];
      const auto end = layer.cell_start[static_cast<std::size_t>(column * layer.rows + last_row + 1)];
      for (auto k = begin; k < end; ++k) {
        const SchoolId school = layer.schools[k];
        const double east = schools.easting_km[school] - easting_km;
        const double north = schools.northing_km[school] - northing_km;
        const double squared = east * east + north * north;
        if ((squared < best_squared || (squared == best_squared && (best == no_id || school < best))) && accept(school)) {
          best = school;
          best_squared = squared;
        }
      }
    };
    const std::int64_t column = cell_of(easting_km - layer.west_km, layer.cell_km, layer.columns);
    const std::int64_t row = cell_of(northing_km - layer.south_km, layer.cell_km, layer.rows);
    const auto rings = static_cast<std::int64_t>(std::ceil(radius_km / layer.cell_km));
    for (std::int64_t ring = 0; ring <= rings; ++ring) {
      // Every school of ring r + 1 is at least r squares from the point.
      const double nearest_possible = static_cast<double>(ring - 1) * layer.cell_km;
      if (ring > 0 && best != no_id && nearest_possible * nearest_possible > best_squared) break;
      if (ring == 0) {
        consider(column, row, row);
        continue;
      }
      consider(column - ring, row - ring, row + ring);
      consider(column + ring, row - ring, row + ring);
      for (std::int64_t c = column - ring + 1; c < column + ring; ++c) {
        consider(c, row - ring, row - ring);
        consider(c, row + ring, row + ring);
      }
    }
    return best;
  }

  // Whether the grid indexes these schools in squares of cell_km (schools never move or
  // change region or phase within a run).
  bool built_for(const Schools& schools, double cell_km) const noexcept { return indexed_ == schools.size() && cell_km_ == cell_km; }

 private:
  struct Layer {
    double west_km = 0;
    double south_km = 0;
    double cell_km = 1;
    std::int64_t columns = 0;
    std::int64_t rows = 0;
    std::vector<std::uint32_t> cell_start;  // columns * rows + 1 offsets into schools, column-major
    std::vector<SchoolId> schools;
  };
  static constexpr std::size_t layer_index(Region region, Phase phase) noexcept {
    return static_cast<std::size_t>(region) * 3 + static_cast<std::size_t>(phase);
  }
  // The square along one axis, clamped one past either end so that far points stay in range.
  static std::int64_t cell_of(double offset_km, double cell_km, std::int64_t cells) noexcept {
    return static_cast<std::int64_t>(std::clamp(std::floor(offset_km / cell_km), -1.0, static_cast<double>(cells)));
  }

  std::array<Layer, region_count * 3> layers_;
  double cell_km_ = 1;
  std::size_t indexed_ = static_cast<std::size_t>(-1);
};

}  // namespace ittsim
