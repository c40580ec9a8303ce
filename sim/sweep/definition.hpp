#pragma once
// A sweep: a base scenario, parameters varied by a design (a grid, a Latin hypercube, Morris
// trajectories, a Saltelli sample or a list of points read from CSV), replicates per point
// and a sweep seed (file format in docs/HPC.md). Like a Scenario it is immutable and
// validated as a whole when loaded: every point's scenario is built once, so a bad value
// fails before anything runs.

#include "sim/params/scenario.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ittsim {

enum class SweepDesign { grid, latin_hypercube, morris, saltelli, list };

// The design's name as written in a sweep file ("latin_hypercube").
const char* design_name(SweepDesign design) noexcept;

struct VariedParameter {
  std::string key;                  // "group.name"
  std::string origin;               // "sweep.ini:12"
  std::vector<std::string> values;  // grid: the values in order; other designs: empty
  double low = 0;                   // range of the Latin hypercube, Morris and Saltelli designs
  double high = 0;
};

struct SweepPoint {
  std::size_t index = 0;
  std::uint64_t seed = 0;           // run.seed of the point: derived from (sweep seed, index),
                                    // or the sweep seed with common random numbers
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
  // Every point runs with the sweep seed, so that differences between points are not noise.
  bool common_random_numbers() const noexcept { return common_random_numbers_; }
  // Morris: trajectories of varied().size() + 1 points each, on a grid of levels values.
  std::size_t trajectories() const noexcept { return trajectories_; }
  std::size_t levels() const noexcept { return levels_; }
  // Saltelli: base samples of varied().size() + 2 points each (A, AB_1 … AB_k, B).
  std::size_t base_samples() const noexcept { return base_samples_; }
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
  bool common_random_numbers_ = false;
  std::size_t trajectories_ = 0;
  std::size_t levels_ = 0;
  std::size_t base_samples_ = 0;
  std::vector<std::string> point_origins_;  // list design: "points.csv:7" for each point
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

// Morris trajectories (Morris 1991, as in Campolongo, Cariboni and Saltelli 2007): trajectories
// blocks of dimensions + 1 rows, each row on the grid {0, 1/(levels-1), …, 1}; row j + 1 of a
// block differs from row j in one dimension only, by ±levels / (2 (levels - 1)), and each
// dimension changes once per block, in an order and direction drawn from the seed.
std::vector<std::vector<double>> morris_trajectories(std::size_t trajectories, std::size_t dimensions, std::size_t levels,
                                                     std::uint64_t seed);

// Saltelli's sample for first- and total-order Sobol indices (Saltelli et al. 2010): for each of
// base_samples rows a of A and b of B (the two halves of a Latin hypercube of 2 × dimensions),
// the block a, then AB_1 … AB_k (a with dimension i taken from b), then b: k + 2 rows.
std::vector<std::vector<double>> saltelli_matrix(std::size_t base_samples, std::size_t dimensions, std::uint64_t seed);

// The text of a value given to a point's scenario: the shortest that reads back exactly.
std::string sweep_value_text(double value);

}  // namespace ittsim
