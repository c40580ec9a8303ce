#include "sim/core/school_grid.hpp"

namespace ittsim {

void SchoolGrid::build(const Schools& schools, double cell_km) {
  for (auto& layer : layers_) layer = Layer{};
  cell_km_ = cell_km;
  std::array<std::pair<double, double>, region_count * 3> north_east{};
  for (SchoolId school = 0; school < schools.size(); ++school) {
    Layer& layer = layers_[layer_index(schools.region[school], schools.phase[school])];
    auto& [north, east] = north_east[layer_index(schools.region[school], schools.phase[school])];
    if (layer.schools.empty()) {
      layer.west_km = east = schools.easting_km[school];
      layer.south_km = north = schools.northing_km[school];
    }
    layer.west_km = std::min(layer.west_km, schools.easting_km[school]);
    layer.south_km = std::min(layer.south_km, schools.northing_km[school]);
    east = std::max(east, schools.easting_km[school]);
    north = std::max(north, schools.northing_km[school]);
    layer.schools.push_back(school);
  }
  for (std::size_t index = 0; index < layers_.size(); ++index) {
    Layer& layer = layers_[index];
    if (layer.schools.empty()) continue;
    layer.cell_km = cell_km;
    layer.columns = static_cast<std::int64_t>((north_east[index].second - layer.west_km) / layer.cell_km) + 1;
    layer.rows = static_cast<std::int64_t>((north_east[index].first - layer.south_km) / layer.cell_km) + 1;
    const auto cell = [&](SchoolId school) {
      const auto column = cell_of(schools.easting_km[school] - layer.west_km, layer.cell_km, layer.columns);
      const auto row = cell_of(schools.northing_km[school] - layer.south_km, layer.cell_km, layer.rows);
      return static_cast<std::size_t>(column * layer.rows + row);
    };
    // Counting sort by square, stable, so that each square keeps id order.
    layer.cell_start.assign(static_cast<std::size_t>(layer.columns * layer.rows) + 1, 0);
    for (const SchoolId school : layer.schools) layer.cell_start[cell(school) + 1] += 1;
    for (std::size_t k = 1; k < layer.cell_start.size(); ++k) layer.cell_start[k] += layer.cell_start[k - 1];
    std::vector<SchoolId> sorted(layer.schools.size());
    std::vector<std::uint32_t> next(layer.cell_start.begin(), layer.cell_start.end() - 1);
    for (const SchoolId school : layer.schools) sorted[next[cell(school)]++] = school;
    layer.schools = std::move(sorted);
  }
  indexed_ = schools.size();
}

}  // namespace ittsim
