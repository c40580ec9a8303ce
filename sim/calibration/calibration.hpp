#pragma once
// Calibration targets: the facts of MODEL.md §7 and national figures for England, each with
// its source, the measure taken from the yearly series and the band the baseline must meet.
// docs/CALIBRATION.md explains each; the benchmark checks England, a test a smaller world.

#include "sim/model/indicators.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace ittsim {

// The yearly rows of one replicate, from the first year counted (warm-up years dropped).
using ReplicateYears = std::vector<YearlyIndicators>;

struct CalibrationTarget {
  std::string_view name;
  std::string_view description;
  double reference;  // the published figure, in England terms
  double low;        // the band the model must meet
  double high;
  bool scales_with_population;  // counts are divided by the simulated fraction of England before comparing
  std::string_view source;
  std::function<double(const ReplicateYears&)> measure;
};

const std::vector<CalibrationTarget>& calibration_targets();

struct CalibrationResult {
  const CalibrationTarget* target = nullptr;
  double mean = 0;
  double p05 = 0;  // 90% interval over replicates
  double p95 = 0;
  bool met = false;
};

// Warm-up academic years left out of every measure, so that the start from a synthetic
// population does not count.
inline constexpr std::size_t calibration_warm_up_years = 2;

// england_fraction: the share of England simulated (population.scale × the regions' share).
std::vector<CalibrationResult> evaluate_calibration(const std::vector<ReplicateYears>& replicates, double england_fraction);

std::string calibration_json(const std::vector<CalibrationResult>& results, std::size_t replicates, double scale);

}  // namespace ittsim
