#pragma once
// A sweep: a base scenario, parameters varied over a grid or a Latin hypercube, replicates
// per point and a sweep seed (file format in docs/HPC.md). Like a Scenario it is immutable
// and validated as a whole when loaded: every point's scenario is built once, so a bad value
// fails before anything runs.

#include "sim/params/scenario.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ittsim {

enum class SweepDesign { grid, latin_hypercube };

struct VariedParameter {
  std::string key;                  // "group.name"
  std::string origin;               // "sweep.ini:12"
  std::vector<std::string> values;  // grid: the values in order; Latin hypercube: empty
  double low = 0;                   // Latin hypercube range
  double high = 0;
};

struct SweepPoint {
  std::size_t index = 0;
  std::uint64_t seed = 0;           // run.seed of the point: derived from (sweep seed, index)
  std::vector<std::string> values;  // one per varied parameter, as given to the scenario
};

// The most points a sweep may have: each is validated when the sweep is loaded (about 13 µs
// a point), and a sweep folder holds a file per point.
inline constexpr std::size_t sweep_max_points = 100'000;

class SweepDefinition {
 public:
  // Reads and validates path. Throws InputError naming file, line, key and expectation.
  // max_points lowers the limit (the fuzz target does, to bound the time of one input).
  static SweepDefinition load(const std::filesystem::path& path, std::size_t max_points = sweep_max_points);

  const std::filesystem::path& path() const noexcept { return path_; }
  const std::string& text() const noexcept { return text_; }  // the file as written
  const std::string& name() const noexcept { return name_; }
  const std::filesystem::path& base_scenario() const noexcept { return base_scenario_; }
  SweepDesign design() const noexcept { return design_; }
  std::int64_t replicates() const noexcept { return replicates_; }
  std::uint64_t seed() const noexcept { return seed_; }
  const std::vector<VariedParameter>& varied() const noexcept { return varied_; }
  const std::vector<SweepPoint>& points() const noexcept { return points_; }

  // The base scenario with [set] applied and the sweep's replicates and seed.
  const Scenario& base() const noexcept { return *base_; }
  // The scenario of one point: the base with the point's values and seed.
  Scenario scenario(const SweepPoint& point) const;

  // The point table as CSV: point, seed, then one column per varied parameter.
  std::string point_table_csv() const;

 private:
  SweepDefinition() = default;
  // The base's overrides ([set], sweep seed, replicates), or a point's over the base.
  std::vector<Override> overrides(const SweepPoint* point) const;

  std::filesystem::path path_;
  std::string text_;
  std::string name_;
  std::filesystem::path base_scenario_;
  SweepDesign design_ = SweepDesign::grid;
  std::int64_t replicates_ = 1;
  std::uint64_t seed_ = 0;
  std::vector<Override> fixed_;  // [set]
  std::vector<VariedParameter> varied_;
  std::vector<SweepPoint> points_;
  std::optional<Scenario> base_;
};

// run.seed of point `index` of a sweep: a counter-based hash of (sweep seed, index), kept
// within run.seed's range, so that a point's results do not depend on how the sweep is split.
std::uint64_t sweep_point_seed(std::uint64_t sweep_seed, std::size_t index);

// Latin hypercube sample: samples rows of dimensions values in [0, 1), one per stratum of
// each dimension, the strata paired by permutations drawn from the sweep seed.
std::vector<std::vector<double>> latin_hypercube(std::size_t samples, std::size_t dimensions, std::uint64_t seed);

// The text of a value given to a point's scenario: the shortest that reads back exactly.
std::string sweep_value_text(double value);

}  // namespace ittsim
