#include "sim/calibration/calibration.hpp"

#include "sim/core/errors.hpp"
#include "sim/params/ini_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace ittsim {
namespace {

// Mean of a series over the years where it is defined.
double mean_of(const ReplicateYears& years, double YearlyIndicators::*series) {
  double sum = 0;
  int count = 0;
  for (const auto& year : years) {
    if (std::isnan(year.*series)) continue;
    sum += year.*series;
    ++count;
  }
  return count > 0 ? sum / count : not_available;
}

template <typename Numerator, typename Denominator>
double ratio_of_sums(const ReplicateYears& years, Numerator numerator, Denominator denominator) {
  double top = 0;
  double bottom = 0;
  for (const auto& year : years) {
    top += static_cast<double>(numerator(year));
    bottom += static_cast<double>(denominator(year));
  }
  return bottom > 0 ? top / bottom : not_available;
}

double mean_count(const ReplicateYears& years, std::int64_t YearlyIndicators::*series) {
  return ratio_of_sums(years, [&](const YearlyIndicators& y) { return y.*series; }, [](const YearlyIndicators&) { return 1; });
}

// The counted years of a replicate: after the warm-up, within the target's academic years.
ReplicateYears counted_years(const ReplicateYears& years, std::size_t warm_up_years, const CalibrationTarget& target) {
  ReplicateYears kept;
  for (std::size_t i = warm_up_years; i < years.size(); ++i) {
    if (years[i].academic_year >= target.first_year && years[i].academic_year <= target.last_year) kept.push_back(years[i]);
  }
  return kept;
}

double quantile(std::vector<double> values, double q) {
  std::sort(values.begin(), values.end());
  const double position = q * static_cast<double>(values.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const auto above = std::min(below + 1, values.size() - 1);
  return values[below] + (position - static_cast<double>(below)) * (values[above] - values[below]);
}

}  // namespace

const std::vector<CalibrationMeasure>& calibration_measures() {
  // clang-format off
  static const std::vector<CalibrationMeasure> measures{
      {"trainees_recruited", "New ITT entrants a year (all routes)", true,
       [](const ReplicateYears& y) { return mean_count(y, &YearlyIndicators::trainees_recruited); }},
      {"qts_rate", "QTS awarded over trainees with an outcome (QTS or fail)", false,
       [](const ReplicateYears& y) { return ratio_of_sums(y, [](const auto& r) { return r.qts_awarded; }, [](const auto& r) { return r.qts_awarded + r.trainees_failed; }); }},
      {"withdrawal_rate", "Withdrawals over trainees recruited", false,
       [](const ReplicateYears& y) { return ratio_of_sums(y, [](const auto& r) { return r.withdrawals; }, [](const auto& r) { return r.trainees_recruited; }); }},
      {"leaving_rate", "Teachers leaving (retirements included) over teachers in post", false,
       [](const ReplicateYears& y) { return ratio_of_sums(y, [](const auto& r) { return r.teacher_leavers + r.teacher_retirements; }, [](const auto& r) { return r.teachers_in_post; }); }},
      {"retention_1y", "Newly qualified teachers still in post after one year", false,
       [](const ReplicateYears& y) { return mean_of(y, &YearlyIndicators::retention_1y); }},
      {"retention_5y", "Newly qualified teachers still in post after five years", false,
       [](const ReplicateYears& y) { return mean_of(y, &YearlyIndicators::retention_5y); }},
      {"teachers_in_post", "Teachers in post", true,
       [](const ReplicateYears& y) { return mean_count(y, &YearlyIndicators::teachers_in_post); }},
      {"move_rate", "Teachers moving to another state school over teachers in post", false,
       [](const ReplicateYears& y) { return ratio_of_sums(y, [](const auto& r) { return r.teacher_moves; }, [](const auto& r) { return r.teachers_in_post; }); }},
      {"share_hosting_multi_provider", "Hosting schools working with more than one provider", false,
       [](const ReplicateYears& y) { return mean_of(y, &YearlyIndicators::share_hosting_multi_provider); }},
      {"share_hosting_multi_provider_primary", "Hosting primary schools working with more than one provider", false,
       [](const ReplicateYears& y) { return mean_of(y, &YearlyIndicators::share_hosting_multi_provider_primary); }},
      {"share_hosting_multi_provider_secondary", "Hosting secondary schools working with more than one provider", false,
       [](const ReplicateYears& y) { return mean_of(y, &YearlyIndicators::share_hosting_multi_provider_secondary); }},
      {"share_secondary_schools_offering", "Secondary schools offering at least one placement", false,
       [](const ReplicateYears& y) { return mean_of(y, &YearlyIndicators::share_secondary_schools_offering); }},
      {"training_school_providers", "Providers a training school works with", false,
       [](const ReplicateYears& y) { return mean_of(y, &YearlyIndicators::training_school_providers_mean); }},
      {"training_school_trainees", "Trainees a training school hosts in a year", false,
       [](const ReplicateYears& y) { return mean_of(y, &YearlyIndicators::training_school_trainees_mean); }},
      {"primary_trainees_at_once", "Trainees on placement at once in a hosting primary school", false,
       [](const ReplicateYears& y) { return mean_of(y, &YearlyIndicators::primary_trainees_per_host_at_once); }},
  };
  // clang-format on
  return measures;
}

const CalibrationMeasure* find_calibration_measure(std::string_view name) {
  for (const auto& measure : calibration_measures()) {
    if (measure.name == name) return &measure;
  }
  return nullptr;
}

namespace {

double number_value(const IniSetting& setting, std::string_view expected) {
  double value = 0;
  const auto* begin = setting.value.data();
  const auto* end = begin + setting.value.size();
  const auto [last, error] = std::from_chars(begin, end, value);
  if (setting.value.empty() || error != std::errc{} || last != end || !std::isfinite(value)) {
    throw InputError(fmt::format("{}: {} = '{}': expected {}", setting.origin, setting.key, excerpt(setting.value), expected));
  }
  return value;
}

double non_negative(const IniSetting& setting) {
  const double value = number_value(setting, "a number of at least 0");
  if (value < 0) throw InputError(fmt::format("{}: {} = '{}': expected a number of at least 0", setting.origin, setting.key, setting.value));
  return value;
}

// "a:b" split at its one colon; either side may be empty where allowed.
std::pair<std::string, std::string> halves(const IniSetting& setting, std::string_view expected) {
  const auto colon = setting.value.find(':');
  if (colon == std::string::npos || setting.value.find(':', colon + 1) != std::string::npos) {
    throw InputError(fmt::format("{}: {} = '{}': expected {}", setting.origin, setting.key, excerpt(setting.value), expected));
  }
  return {trim(setting.value.substr(0, colon)), trim(setting.value.substr(colon + 1))};
}

void read_band(const IniSetting& setting, CalibrationTarget& target) {
  constexpr std::string_view expected = "LOW:HIGH, two numbers with LOW below HIGH";
  const auto [low, high] = halves(setting, expected);
  target.low = number_value({setting.key, low, setting.origin}, expected);
  target.high = number_value({setting.key, high, setting.origin}, expected);
  if (!(target.low < target.high)) {
    throw InputError(fmt::format("{}: {} = '{}': expected {}", setting.origin, setting.key, setting.value, expected));
  }
}

void read_years(const IniSetting& setting, CalibrationTarget& target) {
  constexpr std::string_view expected = "FIRST:LAST academic years (either may be empty), e.g. 2022:2024 or :2024";
  const auto [first, last] = halves(setting, expected);
  const auto year = [&](const std::string& text, std::int64_t empty) {
    if (text.empty()) return empty;
    const double value = number_value({setting.key, text, setting.origin}, expected);
    if (value != std::floor(value) || value < 1900 || value > 2200) {
      throw InputError(fmt::format("{}: {} = '{}': expected {}", setting.origin, setting.key, setting.value, expected));
    }
    return static_cast<std::int64_t>(value);
  };
  target.first_year = year(first, std::numeric_limits<std::int64_t>::min());
  target.last_year = year(last, std::numeric_limits<std::int64_t>::max());
  if (target.first_year > target.last_year) {
    throw InputError(fmt::format("{}: {} = '{}': the first year comes after the last", setting.origin, setting.key, setting.value));
  }
}

std::string measure_names() {
  std::string names;
  for (const auto& measure : calibration_measures()) names += fmt::format("{}{}", names.empty() ? "" : ", ", measure.name);
  return names;
}

}  // namespace

CalibrationTargets parse_calibration_targets(const std::string& text, const std::filesystem::path& path) {
  CalibrationTargets targets;
  targets.path = path;
  // Which keys each target gave, to name the first missing one.
  std::vector<std::vector<std::string>> given;
  for (const auto& setting : parse_ini_text(text, path.string())) {
    const auto dot = setting.key.rfind('.');
    if (dot == std::string::npos) {
      throw InputError(fmt::format("{}: '{}' comes before any [section]; expected [calibration] or a target's [name]",
                                   setting.origin, excerpt(setting.key)));
    }
    const std::string section = setting.key.substr(0, dot);
    const std::string key = setting.key.substr(dot + 1);
    if (section == "calibration") {
      if (key != "warm_up_years") {
        throw InputError(fmt::format("{}: unknown key '{}' in [calibration]; expected warm_up_years", setting.origin, key));
      }
      const double years = number_value(setting, "a whole number of years from 0 to 10");
      if (years != std::floor(years) || years < 0 || years > 10) {
        throw InputError(fmt::format("{}: {} = '{}': expected a whole number of years from 0 to 10", setting.origin, setting.key, setting.value));
      }
      targets.warm_up_years = static_cast<std::size_t>(years);
      continue;
    }
    if (targets.targets.empty() || targets.targets.back().name != section) {
      for (const auto& target : targets.targets) {
        if (target.name == section) throw InputError(fmt::format("{}: target [{}] is declared twice", setting.origin, section));
      }
      CalibrationTarget target;
      target.name = section;
      target.origin = setting.origin;
      targets.targets.push_back(std::move(target));
      given.emplace_back();
    }
    auto& target = targets.targets.back();
    given.back().push_back(key);
    if (key == "measure") {
      target.measure = find_calibration_measure(setting.value);
      if (target.measure == nullptr) {
        throw InputError(fmt::format("{}: {} = '{}': no such measure; the measures are {}", setting.origin, setting.key,
                                     excerpt(setting.value), measure_names()));
      }
    } else if (key == "description") {
      target.description = setting.value;
    } else if (key == "observed") {
      target.observed = number_value(setting, "a number");
    } else if (key == "observation_sd") {
      target.observation_sd = non_negative(setting);
    } else if (key == "discrepancy_sd") {
      target.discrepancy_sd = non_negative(setting);
    } else if (key == "band") {
      read_band(setting, target);
    } else if (key == "years") {
      read_years(setting, target);
    } else if (key == "source") {
      target.source = setting.value;
    } else {
      throw InputError(fmt::format("{}: unknown key '{}' in [{}]; expected measure, description, observed, observation_sd, "
                                   "discrepancy_sd, band, years or source", setting.origin, key, section));
    }
  }
  if (targets.targets.empty()) throw InputError(fmt::format("{}: declares no target", path.string()));
  for (std::size_t i = 0; i < targets.targets.size(); ++i) {
    auto& target = targets.targets[i];
    for (const char* required : {"measure", "observed", "observation_sd", "discrepancy_sd", "band", "source"}) {
      if (std::find(given[i].begin(), given[i].end(), required) == given[i].end()) {
        throw InputError(fmt::format("{}: target [{}] has no {}; every target needs measure, observed, observation_sd, "
                                     "discrepancy_sd, band and source", target.origin, target.name, required));
      }
    }
    if (target.description.empty()) target.description = std::string(target.measure->description);
  }
  return targets;
}

CalibrationTargets load_calibration_targets(const std::filesystem::path& path) {
  return parse_calibration_targets(read_text_file(path, "targets file", max_ini_file_bytes), path);
}

CalibrationTargets every_measure(std::size_t warm_up_years) {
  CalibrationTargets targets;
  targets.warm_up_years = warm_up_years;
  for (const auto& measure : calibration_measures()) {
    CalibrationTarget target;
    target.name = std::string(measure.name);
    target.measure = &measure;
    target.description = std::string(measure.description);
    target.low = -std::numeric_limits<double>::infinity();
    target.high = std::numeric_limits<double>::infinity();
    targets.targets.push_back(std::move(target));
  }
  return targets;
}

std::vector<CalibrationResult> evaluate_calibration(const CalibrationTargets& targets,
                                                    const std::vector<ReplicateYears>& replicates, double england_fraction) {
  std::vector<CalibrationResult> results;
  for (const auto& target : targets.targets) {
    std::vector<double> values;
    for (const auto& years : replicates) {
      const double value = target.measure->measure(counted_years(years, targets.warm_up_years, target));
      if (!std::isnan(value)) values.push_back(target.measure->scales_with_population ? value / england_fraction : value);
    }
    CalibrationResult result;
    result.target = &target;
    result.replicates = values.size();
    if (values.empty()) {
      result.mean = result.sd = result.p05 = result.p95 = result.implausibility = not_available;
    } else {
      double sum = 0;
      for (const double value : values) sum += value;
      result.mean = sum / static_cast<double>(values.size());
      double squares = 0;
      for (const double value : values) squares += (value - result.mean) * (value - result.mean);
      result.sd = values.size() > 1 ? std::sqrt(squares / static_cast<double>(values.size() - 1)) : 0.0;
      result.p05 = quantile(values, 0.05);
      result.p95 = quantile(values, 0.95);
      const double variance = target.observation_sd * target.observation_sd + target.discrepancy_sd * target.discrepancy_sd +
                              result.sd * result.sd / static_cast<double>(values.size());
      result.implausibility = std::isnan(target.observed) ? not_available
                              : variance > 0               ? std::abs(result.mean - target.observed) / std::sqrt(variance)
                                                           : std::numeric_limits<double>::infinity();
      result.met = result.mean >= target.low && result.mean <= target.high;
    }
    results.push_back(result);
  }
  return results;
}

std::string calibration_json(const std::vector<CalibrationResult>& results, std::size_t replicates, double scale) {
  const auto number = [](double value) { return std::isfinite(value) ? fmt::format("{:.6g}", value) : std::string("null"); };
  std::string text = fmt::format("{{\"replicates\": {}, \"scale\": {}, \"targets\": [", replicates, number(scale));
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& r = results[i];
    text += fmt::format("{}\n    {{\"name\": \"{}\", \"measure\": \"{}\", \"observed\": {}, \"observation_sd\": {}, "
                        "\"discrepancy_sd\": {}, \"low\": {}, \"high\": {}, \"replicates\": {}, \"mean\": {}, \"sd\": {}, "
                        "\"p05\": {}, \"p95\": {}, \"implausibility\": {}, \"met\": {}}}",
                        i == 0 ? "" : ",", r.target->name, r.target->measure->name, number(r.target->observed),
                        number(r.target->observation_sd), number(r.target->discrepancy_sd), number(r.target->low),
                        number(r.target->high), r.replicates, number(r.mean), number(r.sd), number(r.p05), number(r.p95),
                        number(r.implausibility), r.met ? "true" : "false");
  }
  return text + "\n  ]}";
}

}  // namespace ittsim
