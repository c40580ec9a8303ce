#pragma once
// Calibration: measures, functions of a run's yearly series, each declared once here with its
// name and meaning; and targets, read from a targets file (calibration/england.ini, format in
// docs/CALIBRATION.md), each pairing a measure with a published figure, its observation
// uncertainty, a model-discrepancy allowance, the years it applies to, the band the CI check
// requires and its source. `ittsim measure`, the benchmark's check and the tests evaluate the
// same declarations.

#include "sim/model/indicators.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace ittsim {

// The yearly rows of one replicate.
using ReplicateYears = std::vector<YearlyIndicators>;

struct CalibrationMeasure {
  std::string_view name;
  std::string_view description;
  bool scales_with_population;  // a count: divided by the simulated fraction of England
  std::function<double(const ReplicateYears&)> measure;  // NaN where not defined
};

const std::vector<CalibrationMeasure>& calibration_measures();
// nullptr when no measure has that name.
const CalibrationMeasure* find_calibration_measure(std::string_view name);

struct CalibrationTarget {
  std::string name;
  const CalibrationMeasure* measure = nullptr;
  std::string description;
  double observed = std::numeric_limits<double>::quiet_NaN();  // the published figure, England terms
  double observation_sd = 0;  // uncertainty of the figure
  double discrepancy_sd = 0;  // what the model may miss it by, as an allowance
  double low = 0;             // the band the baseline must meet
  double high = 0;
  std::int64_t first_year = std::numeric_limits<std::int64_t>::min();  // academic years counted
  std::int64_t last_year = std::numeric_limits<std::int64_t>::max();
  std::string source;
  std::string origin;  // "england.ini:12"
};

struct CalibrationTargets {
  std::filesystem::path path;
  std::size_t warm_up_years = 2;  // first academic years of a run left out of every measure
  std::vector<CalibrationTarget> targets;
};

// Reads a targets file; InputError naming the file, line, key and what was expected.
CalibrationTargets load_calibration_targets(const std::filesystem::path& path);
CalibrationTargets parse_calibration_targets(const std::string& text, const std::filesystem::path& path);

// Every measure as a target without a figure (observed NaN, no band): `ittsim measure`
// without a targets file.
CalibrationTargets every_measure(std::size_t warm_up_years = 2);

struct CalibrationResult {
  const CalibrationTarget* target = nullptr;
  std::size_t replicates = 0;  // where the measure is defined
  double mean = 0;
  double sd = 0;   // between replicates
  double p05 = 0;  // 90% interval over replicates
  double p95 = 0;
  // |mean − observed| / sqrt(observation_sd² + discrepancy_sd² + sd² / replicates)
  // (Vernon, Goldstein and Bower 2010); NaN without a figure.
  double implausibility = 0;
  bool met = false;  // the mean lies in the band
};

// england_fraction: the share of England simulated (population.scale × the regions' share).
std::vector<CalibrationResult> evaluate_calibration(const CalibrationTargets& targets,
                                                    const std::vector<ReplicateYears>& replicates,
                                                    double england_fraction);

std::string calibration_json(const std::vector<CalibrationResult>& results, std::size_t replicates, double scale);

}  // namespace ittsim
