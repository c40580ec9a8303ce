#pragma once
// `ittsim measure`: the calibration measures of a run output file, over its replicates, with
// their implausibility against a targets file (sim/calibration/calibration.hpp).

#include "sim/calibration/calibration.hpp"
#include "sim/io/summary.hpp"

#include <string>
#include <vector>

namespace ittsim {

// The yearly rows of each replicate of a file read by read_summary.
std::vector<ReplicateYears> replicate_years(const RunSummary& summary);

// The share of England the file's run simulated, from its resolved scenario.
double simulated_england_fraction(const RunSummary& summary);

enum class MeasureFormat { table, csv, json, markdown };

// format: "table", "csv", "json" or "markdown"; InputError otherwise.
MeasureFormat measure_format(const std::string& format);

std::string format_measures(const std::vector<CalibrationResult>& results, const RunSummary& summary,
                            const CalibrationTargets& targets, MeasureFormat format);

}  // namespace ittsim
