#include "sim/io/measure.hpp"

#include "sim/core/errors.hpp"
#include "sim/model/population.hpp"
#include "sim/params/scenario.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <type_traits>

namespace ittsim {

std::vector<ReplicateYears> replicate_years(const RunSummary& summary) {
  const auto replicates = summary.yearly.begin()->second.size();
  std::vector<ReplicateYears> rows(replicates, ReplicateYears(summary.academic_years.size()));
  for (std::size_t replicate = 0; replicate < replicates; ++replicate) {
    for (std::size_t year = 0; year < summary.academic_years.size(); ++year) {
      auto& row = rows[replicate][year];
      visit_yearly(row, [&](auto& member, const SeriesInfo& info) {
        using Value = std::remove_reference_t<decltype(member)>;
        if (info.name == "academic_year") {
          member = static_cast<Value>(summary.academic_years[year]);
          return;
        }
        // Counts were written as int64 and read back as doubles, which hold them exactly.
        member = static_cast<Value>(summary.yearly.at(std::string(info.name))[replicate][year]);
      });
    }
  }
  return rows;
}

double simulated_england_fraction(const RunSummary& summary) {
  if (summary.scenario_text.empty()) {
    throw InputError(fmt::format("{}: not a readable ittsim output file (no 'scenario' attribute, the resolved scenario)",
                                 summary.file.string()));
  }
  const auto scenario = Scenario::from_text(summary.scenario_text, summary.file.string() + ":/scenario", summary.scenario_name);
  return england_fraction(scenario.parameters());
}

MeasureFormat measure_format(const std::string& format) {
  if (format == "table") return MeasureFormat::table;
  if (format == "csv") return MeasureFormat::csv;
  if (format == "json") return MeasureFormat::json;
  if (format == "markdown") return MeasureFormat::markdown;
  throw InputError(fmt::format("--format '{}': expected table, csv, json or markdown", format));
}

namespace {

std::string number(double value) { return std::isfinite(value) ? fmt::format("{:.6g}", value) : std::string(); }

// Thousands separated for counts, three decimals for rates and shares.
std::string readable(double value) {
  if (!std::isfinite(value)) return "-";
  if (std::abs(value) < 100) return fmt::format("{:.3f}", value);
  const std::string digits = fmt::format("{:.0f}", std::abs(value));
  std::string grouped = value < 0 ? "-" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped.push_back(',');
    grouped.push_back(digits[i]);
  }
  return grouped;
}

std::string describe_years(const CalibrationTarget& target) {
  const bool from = target.first_year > std::numeric_limits<std::int64_t>::min();
  const bool to = target.last_year < std::numeric_limits<std::int64_t>::max();
  if (from && to) return fmt::format("{} to {}", target.first_year, target.last_year);
  return from ? fmt::format("from {}", target.first_year) : fmt::format("up to {}", target.last_year);
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

}  // namespace

std::string format_measures(const std::vector<CalibrationResult>& results, const RunSummary& summary,
                            const CalibrationTargets& targets, MeasureFormat format) {
  const auto replicates = summary.yearly.begin()->second.size();
  std::string text;
  switch (format) {
    case MeasureFormat::csv:
      text = "name,measure,observed,observation_sd,discrepancy_sd,low,high,replicates,mean,sd,p05,p95,implausibility,met\n";
      for (const auto& r : results) {
        const auto& t = *r.target;
        const bool has_band = std::isfinite(t.low);
        text += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", csv_field(t.name), t.measure->name,
                            number(t.observed), has_band ? number(t.observation_sd) : "", has_band ? number(t.discrepancy_sd) : "",
                            number(t.low), number(t.high), r.replicates, number(r.mean), number(r.sd), number(r.p05),
                            number(r.p95), number(r.implausibility), has_band ? (r.met ? "true" : "false") : "");
      }
      return text;
    case MeasureFormat::json:
      return calibration_json(results, replicates, std::nan("")) + "\n";
    case MeasureFormat::markdown:
      text = "| target | what | observed | band | mean | 90% interval | implausibility | |\n|---|---|---|---|---|---|---|---|\n";
      for (const auto& r : results) {
        const auto& t = *r.target;
        text += fmt::format("| `{}` | {} | {} | {} – {} | {} | {} – {} | {} | {} |\n", t.name, t.description, readable(t.observed),
                            readable(t.low), readable(t.high), readable(r.mean), readable(r.p05), readable(r.p95),
                            std::isfinite(r.implausibility) ? fmt::format("{:.2f}", r.implausibility) : "-",
                            r.met ? "met" : "**not met**");
      }
      if (!targets.path.empty()) {
        text += "\nSources (observation_sd and discrepancy_sd as declared in the targets file):\n\n";
        for (const auto& r : results) {
          const auto& t = *r.target;
          text += fmt::format("- `{}`: {} (observation sd {}, discrepancy sd {}{})\n", t.name, t.source, readable(t.observation_sd),
                              readable(t.discrepancy_sd),
                              t.last_year < std::numeric_limits<std::int64_t>::max() || t.first_year > std::numeric_limits<std::int64_t>::min()
                                  ? fmt::format("; academic years {}", describe_years(t))
                                  : "");
        }
      }
      return text;
    case MeasureFormat::table:
      break;
  }
  text = fmt::format("{}: {} replicate{}, academic years {} to {}; the first {} left out as warm-up{}\n\n",
                     summary.file.string(), replicates, replicates == 1 ? "" : "s", summary.academic_years.front(),
                     summary.academic_years.back(), targets.warm_up_years,
                     targets.path.empty() ? "" : fmt::format("; targets {}", targets.path.string()));
  text += fmt::format("{:<40} {:>12} {:>12} {:>25} {:>12} {:>25} {:>8}\n", "measure", "mean", "sd", "90% interval", "observed",
                      "band", "I");
  for (const auto& r : results) {
    const auto& t = *r.target;
    const bool has_band = std::isfinite(t.low);
    text += fmt::format("{:<40} {:>12} {:>12} {:>25} {:>12} {:>25} {:>8}{}\n", t.name, readable(r.mean), readable(r.sd),
                        readable(r.p05) + " – " + readable(r.p95), readable(t.observed),
                        has_band ? readable(t.low) + " – " + readable(t.high) : "-",
                        std::isfinite(r.implausibility) ? fmt::format("{:.2f}", r.implausibility) : "-",
                        has_band ? (r.met ? "  met" : "  NOT MET") : "");
  }
  return text;
}

}  // namespace ittsim
