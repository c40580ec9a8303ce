#include "sim/io/summary.hpp"

#include "sim/core/errors.hpp"
#include "sim/io/hdf5_file.hpp"
#include "sim/io/output_file.hpp"
#include "sim/model/indicators.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <system_error>

namespace ittsim {
namespace {

// Mean of the defined values (series such as retention are NaN before they can be measured).
double mean(const std::vector<double>& values) {
  double sum = 0;
  int count = 0;
  for (const double value : values) {
    if (std::isnan(value)) continue;
    sum += value;
    ++count;
  }
  return count > 0 ? sum / count : std::nan("");
}

// The mean over replicates of a series in one year.
double replicate_mean(const std::vector<std::vector<double>>& rows, std::size_t year) {
  std::vector<double> values;
  for (const auto& row : rows) values.push_back(row.at(year));
  return mean(values);
}

std::string academic_year_label(std::int64_t year) { return fmt::format("{}/{:02}", year, (year + 1) % 100); }

std::string format_value(double value) {
  if (std::isnan(value)) return "-";
  if (std::abs(value) >= 100 || value == std::floor(value)) return fmt::format("{:.0f}", value);
  return fmt::format("{:.2f}", value);
}

}  // namespace

RunSummary read_summary(const std::filesystem::path& file) {
  std::error_code error;
  const auto status = std::filesystem::status(file, error);
  if (!std::filesystem::exists(status)) throw InputError(fmt::format("{}: file not found", file.string()));
  if (!std::filesystem::is_regular_file(status)) {
    throw InputError(fmt::format("{}: not a regular file, expected an ittsim output file", file.string()));
  }
  return h5::read_input(file, "ittsim output file", [&] {
    const auto not_output = [&](const std::string& why) {
      return InputError(fmt::format("{}: not an ittsim output file ({})", file.string(), why));
    };
    RunSummary summary;
    summary.file = file;
    const auto h5file = h5::File::open_read_only(file);
    const auto& root = h5file.root();
    if (!root.has_attribute("format_version")) throw not_output("no format_version attribute");
    summary.scenario_name = root.read_string_attribute("scenario_name");
    summary.ittsim_version = root.read_string_attribute("ittsim_version");
    summary.git_commit = root.read_string_attribute("git_commit");
    summary.seed = root.read_int_attribute("seed");
    // Every series one-dimensional, of numbers, one value a year: the summary indexes them by year.
    const auto series = [&](const h5::Group& yearly, const std::string& name) {
      auto dataset = yearly.open_dataset(name);
      if (dataset.dims().size() != 1 || dataset.element_type() == h5::ElementType::other) {
        throw not_output(fmt::format("{} is not a one-dimensional series of int64 or float64 values", dataset.path()));
      }
      return dataset;
    };
    for (const auto& name : root.child_names()) {
      if (!name.starts_with("replicate_")) continue;
      const auto yearly = root.open_group(name).open_group("yearly");
      const auto years = series(yearly, "academic_year").read_int64s();
      if (summary.yearly.empty()) summary.academic_years = years;
      if (years != summary.academic_years) throw not_output(fmt::format("{}/academic_year differs between replicates", yearly.path()));
      YearlyIndicators row;
      visit_yearly(row, [&](const auto&, const SeriesInfo& info) {
        if (info.name == "academic_year") return;
        const auto dataset = series(yearly, std::string(info.name));
        if (dataset.size() != years.size()) {
          throw not_output(fmt::format("{} has {} values for {} academic years", dataset.path(), dataset.size(), years.size()));
        }
        summary.yearly[std::string(info.name)].push_back(dataset.read_doubles());
      });
    }
    if (summary.yearly.empty()) throw InputError(fmt::format("{}: contains no replicates", file.string()));
    if (root.has_attribute("scenario")) summary.scenario_text = root.read_string_attribute("scenario");
    if (root.has_child("provenance")) {
      const auto provenance = root.open_group("provenance");
      summary.wall_seconds = provenance.read_double_attribute("wall_seconds");
      summary.threads = provenance.read_int_attribute("threads");
    }
    return summary;
  });
}

std::string format_summary(const RunSummary& summary) {
  const auto replicates = summary.yearly.begin()->second.size();
  const auto years = summary.academic_years.size();
  std::string text = fmt::format("ittsim {} ({}) · scenario '{}' · seed {} · {} replicate{} · {} academic years\n",
                                 summary.ittsim_version, summary.git_commit.substr(0, 12), summary.scenario_name,
                                 summary.seed, replicates, replicates == 1 ? "" : "s", years);
  text += fmt::format("file: {}", summary.file.string());
  if (summary.threads > 0) text += fmt::format(" · {:.1f} s on {} thread{}", summary.wall_seconds, summary.threads, summary.threads == 1 ? "" : "s");
  text += "\n";
  if (years == 0) return text + "no completed academic years\n";
  if (replicates > 1) text += "values are means over replicates\n";
  const std::size_t last = years - 1;
  text += fmt::format("\n{:<26}{:>11}{:>11}{:>13}\n", "indicator", academic_year_label(summary.academic_years.front()),
                      academic_year_label(summary.academic_years.back()), "mean a year");
  const auto row = [&](const std::string& label, auto&& value_in_year) {
    std::vector<double> per_year;
    for (std::size_t year = 0; year < years; ++year) per_year.push_back(value_in_year(year));
    text += fmt::format("{:<26}{:>11}{:>11}{:>13}\n", label, format_value(per_year.front()), format_value(per_year[last]),
                        format_value(mean(per_year)));
  };
  const auto series_row = [&](const std::string& name) {
    row(name, [&](std::size_t year) { return replicate_mean(summary.yearly.at(name), year); });
  };
  for (const char* name : {"trainees_recruited", "trainees_in_training", "placement_weeks_demanded",
                           "placement_weeks_offered", "placement_weeks_filled"}) {
    series_row(name);
  }
  row("placement_fill_share", [&](std::size_t year) {
    const double demanded = replicate_mean(summary.yearly.at("placement_weeks_demanded"), year);
    return demanded > 0 ? replicate_mean(summary.yearly.at("placement_weeks_filled"), year) / demanded : 0.0;
  });
  for (const char* name : {"trainees_unplaced", "schools_hosting", "share_hosting_multi_provider", "mentors_active",
                           "mentor_load_mean", "withdrawals", "qts_awarded", "new_teachers_employed", "qts_unemployed",
                           "teacher_leavers", "teacher_moves", "vacancies_unfilled", "teachers_in_post", "retention_1y",
                           "retention_5y"}) {
    series_row(name);
  }
  return text;
}

}  // namespace ittsim
